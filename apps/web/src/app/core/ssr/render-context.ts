import { REQUEST_CONTEXT, inject } from '@angular/core';

/**
 * What the API server's page handler (server.ts) hands the render beside the request, through Angular's
 * REQUEST_CONTEXT: things the render must not work out from the request, whose names (host, scheme) are the
 * loopback listener's, not the reader's.
 */
export interface RenderContext {
  /** The reader's session token, read from the cookie under the name the public scheme picks; null when none. */
  sessionToken: string | null;
}

/** The render's context, or null outside a render by server.ts (the browser, a spec). */
export function injectRenderContext(): RenderContext | null {
  return inject(REQUEST_CONTEXT, { optional: true }) as RenderContext | null;
}
