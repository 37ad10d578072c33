import type { HttpInterceptorFn } from '@angular/common/http';
import { RESPONSE_INIT, inject } from '@angular/core';
import { tap } from 'rxjs';

/**
 * During SSR, a page whose data call failed (the API unreachable, an error answer) shows an error
 * state that must reach no one else: it is answered `Cache-Control: no-store`, which the server's
 * page cache never keeps (server.ts). In the browser there is no response to mark.
 */
export const renderFailureInterceptor: HttpInterceptorFn = (request, next) => {
  const response = inject(RESPONSE_INIT, { optional: true });
  if (!response) return next(request);
  return next(request).pipe(
    tap({
      error: () => {
        const headers = response.headers as Headers | undefined;
        if (!/no-store/.test(headers?.get('Cache-Control') ?? '')) headers?.set('Cache-Control', 'no-store');
      },
    }),
  );
};
