import { UnprocessableEntityException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-keys';

/** A UUID fits, and so does any opaque token a client makes of these characters. */
const KEY_SHAPE = /^[A-Za-z0-9._:-]{1,64}$/;

/** Absent is fine (no idempotency); present, it must have the shape above. Repeated headers arrive joined by ", " and fail. */
export function parseIdempotencyKey(value: string | string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && KEY_SHAPE.test(value)) return value;
  throw new UnprocessableEntityException({
    errors: { [IDEMPOTENCY_KEY_HEADER]: ["must be 1 to 64 letters, digits, '.', '_', ':' or '-'"] },
  });
}

/** The request's `Idempotency-Key`, validated (422 when malformed). */
export const IdempotencyKey = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  parseIdempotencyKey(context.switchToHttp().getRequest<Request>().headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()]),
);
