import { AngularNodeAppEngine, createNodeRequestHandler, writeResponseToNodeResponse } from '@angular/ssr/node';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Server-side rendering as a middleware of the API server, which owns the one listener of the origin
 * (`/api`, `/ws`, the static files of `dist/web/browser` and these pages). Nothing here listens.
 *
 * Hosts: `localhost`, `127.0.0.1` and `[::1]` (any port) come from angular.json `security.allowedHosts`;
 * the engine adds the comma-separated hostnames of the `NG_ALLOWED_HOSTS` environment variable. A request
 * for any other host is answered 400, so a forged `Host` cannot make SSR fetch from elsewhere.
 */
const engine = new AngularNodeAppEngine();

export function handleRequest(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  engine
    .handle(req)
    .then((response) => (response ? writeResponseToNodeResponse(compressed(req, response), res) : next()))
    .catch(next);
}

/**
 * Pages gzipped when the client accepts it: the HTML carries its critical CSS and the transfer state, and
 * the API server compresses nothing (a `compression` middleware there would cover the static files too).
 */
function compressed(req: IncomingMessage, response: Response): Response {
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (!response.body || response.headers.has('content-encoding') || !/\bgzip\b/.test(accepts)) return response;
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const headers = new Headers(response.headers);
  headers.set('content-encoding', 'gzip');
  headers.delete('content-length');
  headers.append('vary', 'Accept-Encoding');
  const body = response.body.pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** Lets `ng serve` and the build's route extraction use the same handler. */
export const reqHandler = createNodeRequestHandler(handleRequest);
