import { REQUEST_CONTEXT, inject } from '@angular/core';
import type { PostedForm } from '@conduit/contract';

/**
 * What the API server's page handler (server.ts) hands the render beside the request, through Angular's
 * REQUEST_CONTEXT: things the render must not work out from the request, whose names (host, scheme) are the
 * loopback listener's, not the reader's.
 */
export interface RenderContext {
  /** The reader's session token, read from the cookie under the name the public scheme picks; null when none. */
  sessionToken: string | null;
  /**
   * What Angular puts as the CSP nonce on every inline script and style it renders: a per-process placeholder
   * that server.ts replaces with the response's own nonce, so that one render (and a cached page) can be
   * answered many times, each answer with a fresh nonce.
   */
  cspNonce: string | null;
  /** The form the browser posted to this page by itself, which the server refused: shown again with its errors. */
  postedForm: PostedForm | null;
}

/** The render's context, or null outside a render by server.ts (the browser, a spec). */
export function injectRenderContext(): RenderContext | null {
  return inject(REQUEST_CONTEXT, { optional: true }) as RenderContext | null;
}
