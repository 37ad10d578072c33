import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorResponse } from '@conduit/contract';

/** A 429 in the RealWorld shape whose `Retry-After` the exception filter sends. */
export class RetryLaterException extends HttpException {
  constructor(
    body: ErrorResponse,
    readonly retryAfterSeconds: number,
  ) {
    super(body, HttpStatus.TOO_MANY_REQUESTS);
  }
}
