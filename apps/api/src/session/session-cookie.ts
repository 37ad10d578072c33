import type { CookieOptions, Request, Response } from 'express';
import { sessionCookieName, sessionTokenOf } from '@conduit/contract';
import type { AccountView } from '../users/users.service';

/** The account as a cookie session sees it: its token lives in the http-only cookie, never in a body. */
export type SessionAccount = Omit<AccountView, 'token'>;

/**
 * The browser app's session cookie on Express requests. `req.secure` (which follows the proxy settings)
 * decides both the name and the Secure flag, so a cookie is always read under the name it was set with.
 */
const attributes = (req: Request): CookieOptions => ({ httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' });

/** The token of the request's session cookie, or null. */
export function requestSessionToken(req: Request): string | null {
  return sessionTokenOf(req.headers.cookie, req.secure);
}

/**
 * Starts (or renews) the session of `account`: its token goes into the cookie, which lives as long as
 * the token, and out of the answer, so that no page script ever holds it.
 */
export function startSession(req: Request, res: Response, account: AccountView, ttlSeconds: number): SessionAccount {
  const { token, ...rest } = account;
  res.cookie(sessionCookieName(req.secure), token, { ...attributes(req), maxAge: ttlSeconds * 1000 });
  return rest;
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(sessionCookieName(req.secure), attributes(req));
}
