import { isPlatformServer } from '@angular/common';
import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { PLATFORM_ID, TransferState, inject, makeStateKey } from '@angular/core';
import { tap, throwError } from 'rxjs';

interface TransferredNotFound {
  statusText: string;
  body: unknown;
}

const stateKey = (url: string) => makeStateKey<TransferredNotFound>(`not-found ${url}`);

/**
 * Angular's HTTP transfer cache carries successful answers only: a page rendered around a 404 (an article
 * or a profile that does not exist) asked the API again once hydrating, and heard 404 again. During SSR a
 * GET answered 404 goes into the transfer state, and the browser's same request is answered from it, once:
 * asked again later (that article may exist by then), the API answers.
 */
export const notFoundTransferInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.method !== 'GET') return next(request);
  const state = inject(TransferState);
  const key = stateKey(request.urlWithParams);
  if (isPlatformServer(inject(PLATFORM_ID))) {
    return next(request).pipe(
      tap({
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 404) state.set(key, { statusText: error.statusText, body: error.error });
        },
      }),
    );
  }
  const transferred = state.get(key, null);
  if (!transferred) return next(request);
  state.remove(key);
  return throwError(
    () => new HttpErrorResponse({ status: 404, statusText: transferred.statusText, url: request.urlWithParams, error: transferred.body }),
  );
};
