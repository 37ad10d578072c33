import { AngularNodeAppEngine, createNodeRequestHandler, writeResponseToNodeResponse } from '@angular/ssr/node';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { TOKEN_COOKIE, readCookie } from './app/core/auth/auth-cookie';
import { PageCache, gzipOf, type CachedPage } from './page-cache';

/**
 * Server-side rendering as a middleware of the API server, which owns the one listener of the origin
 * (`/api`, `/ws`, the static files of `dist/web/browser` and these pages). Nothing here listens.
 *
 * Hosts: `localhost`, `127.0.0.1` and `[::1]` (any port) come from angular.json `security.allowedHosts`;
 * the engine adds the comma-separated hostnames of the `NG_ALLOWED_HOSTS` environment variable. A request
 * for any other host is answered 400, so a forged `Host` cannot make SSR fetch from elsewhere.
 */
const engine = new AngularNodeAppEngine();
/** Says whether a shareable page came from the cache (`hit`) or was rendered (`miss`). */
const CACHE_HEADER = 'x-page-cache';
const pages = new PageCache();

export function handleRequest(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  const key = cacheKey(req);
  const hit = key ? pages.get(key) : undefined;
  if (hit) {
    res.setHeader(CACHE_HEADER, 'hit');
    writeCachedPage(req, res, hit);
    return;
  }
  const renderedAt = pages.currentGeneration;
  engine
    .handle(req)
    .then(async (response) => {
      if (!response) return next();
      if (key && isShareable(response)) {
        const headers: [string, string][] = [];
        response.headers.forEach((value, name) => headers.push([name, value]));
        const page: CachedPage = { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
        pages.store(key, page, renderedAt);
        res.setHeader(CACHE_HEADER, 'miss');
        writeCachedPage(req, res, page);
        return;
      }
      await writeResponseToNodeResponse(compressed(req, response), res);
    })
    .catch(next);
}

/** Called by the API server for every committed change of the stream: cached pages may now be stale. */
export function invalidatePages(): void {
  pages.invalidate();
}

/** The API server's switch (SSR_CACHE): off renders every request, to measure or to debug. */
export function setPageCacheEnabled(enabled: boolean): void {
  pages.enabled = enabled;
  pages.invalidate();
}

/** Only an anonymous reader's page is shared: a signed-in reader (token cookie or header) gets their own view. */
function cacheKey(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  if (req.headers.authorization || readCookie(req.headers.cookie, TOKEN_COOKIE)) return null;
  return `${req.headers.host ?? ''}${req.url ?? '/'}`;
}

function isShareable(response: Response): boolean {
  const cacheControl = response.headers.get('cache-control') ?? '';
  return response.status === 200 && !/private|no-store/.test(cacheControl) && !response.headers.has('set-cookie');
}

function writeCachedPage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? gzipOf(page) : page.body;
  res.statusCode = page.status;
  for (const [name, value] of page.headers) {
    if (name !== 'content-length' && name !== 'content-encoding') res.appendHeader(name, value);
  }
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.appendHeader('vary', 'Accept-Encoding');
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * Pages gzipped when the client accepts it (the HTML carries its critical CSS and the transfer state);
 * the API server's compression middleware leaves a response that already has a Content-Encoding alone.
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
