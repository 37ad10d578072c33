import type { RenderContext } from './app/core/ssr/render-context';

/**
 * One page to render, as plain data: what the API server's page handler hands the engine, in its own
 * thread or in a render worker (render-pool.ts). Made by server.ts from the client's request, never
 * carrying the client's names for the origin (see `pageJob` there).
 */
export interface PageJob {
  /** The API server's own loopback listener plus the canonical page URL. */
  url: string;
  method: 'GET' | 'HEAD';
  headers: [string, string][];
  context: RenderContext;
}

/** What a render answered: status, headers and HTML (with the CSP nonce placeholder still in it). */
export interface RenderedPage {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

/** Renders a job; null when no route of the app matches its URL. */
export type RenderPage = (job: PageJob) => Promise<RenderedPage | null>;
