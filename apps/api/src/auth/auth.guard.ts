import { Injectable, SetMetadata, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { crossSiteRefused, isSameOriginRequest, isUnsafeMethod } from '../session/same-origin';
import { clearSessionCookie, requestSessionToken } from '../session/session-cookie';
import { AuthTokenService, type AuthUser } from './auth-token.service';

const AUTH_REQUIRED = 'conduit:auth-required';

/** Marks a route as needing a signed-in reader; without one it answers 401 before validating input. */
export const AuthRequired = () => SetMetadata(AUTH_REQUIRED, true);

export interface AuthenticatedRequest extends Request {
  user?: AuthUser;
  /** The token `user` was recognised by, for what checks it again later (an event stream's hub). */
  authToken?: string;
  /** The reader was recognised by the browser app's session cookie, not by a token the client holds. */
  viaSession?: boolean;
}

const unauthorized = (reason: string) => new UnauthorizedException({ errors: { token: [reason] } });

/** `Token <jwt>` as RealWorld specifies; `Bearer <jwt>` too, as most HTTP clients send it. */
function tokenOf(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : '';
}

/**
 * Global guard. A request with an `Authorization` token is authenticated or refused (a bad token is
 * never silently treated as anonymous). Without one, the browser app's session cookie speaks for the
 * reader, on writes only from this site's own pages (CSRF); a session that no longer holds (expired,
 * revoked) is cleared and the request goes on as anonymous, as a signed-out browser would. A request with
 * neither is anonymous unless the route is @AuthRequired().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: AuthTokenService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const required = this.reflector.getAllAndOverride<boolean>(AUTH_REQUIRED, [context.getHandler(), context.getClass()]);
    const token = tokenOf(request.headers.authorization);
    if (token !== null) {
      const check = await this.tokens.check(token);
      if (!check.ok) throw unauthorized(check.reason);
      request.user = check.user;
      request.authToken = token;
      return true;
    }
    const session = requestSessionToken(request);
    if (session === null) {
      if (required) throw unauthorized('is missing');
      return true;
    }
    if (isUnsafeMethod(request.method) && !isSameOriginRequest(request)) throw crossSiteRefused();
    const check = await this.tokens.check(session);
    if (!check.ok) {
      clearSessionCookie(request, context.switchToHttp().getResponse<Response>());
      if (required) throw unauthorized(check.reason);
      return true;
    }
    request.user = check.user;
    request.authToken = session;
    request.viaSession = true;
    return true;
  }
}
