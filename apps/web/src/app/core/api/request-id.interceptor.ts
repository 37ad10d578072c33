import type { HttpInterceptorFn } from '@angular/common/http';
import { REQUEST, inject } from '@angular/core';

const REQUEST_ID = 'x-request-id';

/**
 * During SSR, the calls to our own API carry the page request's id (the server gives every page
 * one), so the server's log lines for a page and for the API answers it was built from share it.
 * In the browser there is no page request, and nothing is added.
 */
export const requestIdInterceptor: HttpInterceptorFn = (request, next) => {
  const id = inject(REQUEST, { optional: true })?.headers.get(REQUEST_ID);
  if (!id || !request.url.startsWith('/api/') || request.headers.has(REQUEST_ID)) return next(request);
  return next(request.clone({ setHeaders: { [REQUEST_ID]: id } }));
};
