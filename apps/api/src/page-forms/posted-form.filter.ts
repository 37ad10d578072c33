import { Catch, HttpException, Injectable, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RealWorldExceptionFilter, setRetryAfter } from '../common/realworld-exception.filter';
import { isSameOriginRequest } from '../session/same-origin';
import { postedValues } from './form-fields';
import { PageRenderer } from './page-renderer';

/**
 * A refused page form (invalid, taken, wrong password, rate limited...) is answered with its page again,
 * rendered on the server with the errors and the reader's own non-secret inputs, under the API's status.
 * Only this site's own pages get a page: another site's post is refused as the JSON API refuses it.
 */
@Catch(HttpException)
@Injectable()
export class PostedFormFilter implements ExceptionFilter {
  private readonly logger = new Logger(PostedFormFilter.name);
  private readonly realWorld = new RealWorldExceptionFilter();

  constructor(private readonly pages: PageRenderer) {}

  catch(exception: HttpException, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (!this.pages.available || !isSameOriginRequest(req)) return this.realWorld.catch(exception, host);
    const { status, body } = this.realWorld.toErrorResponse(exception, req);
    setRetryAfter(exception, res);
    this.pages.renderPostedForm(req, res, { errors: body.errors, values: postedValues(req.body) }, status).catch((error: unknown) => {
      this.logger.error(`${req.method} ${req.originalUrl}: the page could not be rendered again`, error instanceof Error ? error.stack : String(error));
      if (!res.headersSent) res.status(500).json({ errors: { server: ['internal error'] } });
    });
  }
}
