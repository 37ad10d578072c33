import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import type { AccountView } from '../users/users.service';
import { startSession, type SessionAccount } from './session-cookie';

/**
 * On the RealWorld routes that answer the reader's account (`/user`): a cookie session gets the fresh
 * token as its renewed cookie (it carries a changed username, or the new token version after a password
 * change) and an answer without it; a token client gets the answer as RealWorld specifies.
 */
@Injectable()
export class SessionAccountInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler<{ user: AccountView }>): Observable<{ user: AccountView | SessionAccount }> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!req.viaSession) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(map(({ user }) => ({ user: startSession(req, res, user, this.config.jwtTtlSeconds) })));
  }
}
