import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { TokenStore } from './token-store';

/**
 * `Authorization: Token <jwt>` on calls to our own API, in the browser and during SSR alike (there the token
 * comes from the request's cookie). Only relative `/api/` URLs: the token never goes to another origin.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(TokenStore).token();
  if (!token || !request.url.startsWith('/api/') || request.headers.has('Authorization')) return next(request);
  return next(request.clone({ setHeaders: { Authorization: `Token ${token}` } }));
};
