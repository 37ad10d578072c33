import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ErrorResponse } from '@conduit/contract';
import { RetryLaterException } from './retry-later.exception';

const FIELD_FOR_STATUS: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'body',
  [HttpStatus.NOT_FOUND]: 'path',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'body',
};

/** A 429's `Retry-After`, on whatever answers it: JSON here, a page for a form. */
export function setRetryAfter(exception: unknown, response: Response): void {
  if (exception instanceof RetryLaterException) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  return typeof value === 'object' && value !== null && 'errors' in value;
}

/** Every HTTP error leaves as RealWorld's `{"errors": {field: [message]}}`; the unexpected as a logged 500. */
@Catch()
export class RealWorldExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(RealWorldExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { status, body } = this.toErrorResponse(exception, request);
    if (response.headersSent) return;
    setRetryAfter(exception, response);
    response.status(status).json(body);
  }

  /** The status and RealWorld body of an exception; also what a refused page form shows (page-forms/). */
  toErrorResponse(exception: unknown, request: Request): { status: number; body: ErrorResponse } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (isErrorResponse(payload)) return { status, body: payload };
      const field = FIELD_FOR_STATUS[status] ?? 'request';
      const message =
        status === HttpStatus.NOT_FOUND
          ? `${request.method} ${request.originalUrl.split('?')[0]} not found`
          : status === HttpStatus.PAYLOAD_TOO_LARGE
            ? 'is too large'
            : exception.message;
      return { status, body: { errors: { [field]: [message] } } };
    }
    // Body parser failures (malformed JSON, too large) carry their HTTP status.
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = status === HttpStatus.PAYLOAD_TOO_LARGE ? 'is too large' : 'is not valid JSON';
      return { status, body: { errors: { body: [message] } } };
    }
    this.logger.error(`${request.method} ${request.originalUrl} failed`, exception instanceof Error ? exception.stack : String(exception));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { errors: { server: ['internal error'] } } };
  }
}
