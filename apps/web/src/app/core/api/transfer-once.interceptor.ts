import { isPlatformBrowser } from '@angular/common';
import type { HttpInterceptorFn } from '@angular/common/http';
import { ApplicationRef, Injectable, PLATFORM_ID, inject } from '@angular/core';

/** The GET URLs the browser has read while Angular's transfer cache was on. */
@Injectable({ providedIn: 'root' })
class TransferredReads {
  private read: Set<string> | null = isPlatformBrowser(inject(PLATFORM_ID)) ? new Set() : null;

  constructor() {
    // The cache turns itself off once the app is stable: nothing to guard from then on.
    void inject(ApplicationRef).whenStable().then(() => (this.read = null));
  }

  /** True when `url` was read before: this read must not be answered from the transfer cache again. */
  isRepeat(url: string): boolean {
    if (this.read === null) return false;
    if (this.read.has(url)) return true;
    this.read.add(url);
    return false;
  }
}

/**
 * The server's answers (Angular's transfer cache) stand in for the page's first read of each URL only. A
 * second read of the same URL while the page is still hydrating (a snapshot read again after a `reset`, a
 * list refreshed because a favorite moved it) must reach the API: answered from the cache, it would get
 * the render's snapshot and cursor again, and a `reset` would follow it, again and again. Incremental
 * hydration keeps the app unstable, and so the cache on, for longer, which is where this showed.
 */
export const transferOnceInterceptor: HttpInterceptorFn = (request, next) => {
  if (request.method !== 'GET' || !inject(TransferredReads).isRepeat(request.urlWithParams)) return next(request);
  return next(request.clone({ transferCache: false }));
};
