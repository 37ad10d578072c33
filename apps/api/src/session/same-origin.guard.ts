import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { crossSiteRefused, isSameOriginRequest, isUnsafeMethod } from './same-origin';

/**
 * Session routes take writes from this site's pages only: another site must not sign a reader into
 * its own account (login CSRF) nor out of theirs.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (isUnsafeMethod(request.method) && !isSameOriginRequest(request)) throw crossSiteRefused();
    return true;
  }
}
