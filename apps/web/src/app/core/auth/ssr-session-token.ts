import { Injectable } from '@angular/core';
import { injectRenderContext } from '../ssr/render-context';

/**
 * During SSR, the reader's session token, which the page handler read from the request's cookie, so that the
 * render's own API calls speak for the reader (server to server, as `Authorization`). In the browser there is
 * none: the token lives only in the http-only session cookie, which the browser sends by itself and no script
 * can read.
 */
@Injectable({ providedIn: 'root' })
export class SsrSessionToken {
  private current = injectRenderContext()?.sessionToken ?? null;

  get token(): string | null {
    return this.current;
  }

  /** The API refused it (expired, revoked): the rest of the render is an anonymous reader's. */
  forget(): void {
    this.current = null;
  }
}
