import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { SsrSessionToken } from './ssr-session-token';

/**
 * During SSR, `Authorization: Token <jwt>` from the reader's session cookie on the render's calls to our
 * own API. Only relative `/api/` URLs: the token never goes to another origin. In the browser it adds
 * nothing: the session cookie goes with every same-origin call.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(SsrSessionToken).token;
  if (!token || !request.url.startsWith('/api/') || request.headers.has('Authorization')) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Token ${token}` } }));
};
