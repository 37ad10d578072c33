import { AngularNodeAppEngine, createNodeRequestHandler } from '@angular/ssr/node';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, readCookie, sessionTokenOf, type PostedForm } from '@conduit/contract';
import type { RenderContext } from './app/core/ssr/render-context';
import { PageCache, type CachedPage } from './page-cache';
import type { PageJob, RenderPage, RenderedPage } from './page-job';
import { canonicalPageUrl } from './page-url';
import { RenderPool } from './render-pool';
import { RENDER_WORKER, serveRenders } from './render-worker';

/**
 * Server-side rendering as a middleware of the API server, which owns the one listener of the origin
 * (`/api`, `/ws`, the static files of `dist/web/browser` and these pages). Nothing here listens.
 *
 * The request the engine renders is made here, never from the client's names: its URL is the API
 * server's own listener (`origin`, on loopback) plus the canonical page URL, and it carries no `Host`,
 * `Forwarded` or `X-Forwarded-*` of the client's. Relative API calls resolve against that URL, so
 * no header can choose where a page's data (or a reader's token) goes. Which hosts are served at all
 * is the API server's check, before this runs (apps/api/src/edge/edge-guard.ts); the engine only
 * ever sees the loopback names.
 */
const engine = new AngularNodeAppEngine({ allowedHosts: ['127.0.0.1', '[::1]'] });
/** Says whether a shareable page came from the cache (`hit`) or was rendered (`miss`). */
const CACHE_HEADER = 'x-page-cache';
/** Request headers that name an origin or a client: the render never sees them. */
const CLIENT_ORIGIN_HEADERS = /^(?:host|forwarded|x-forwarded-.*|x-real-ip)$/;
/** Headers of a request's body: a page is rendered by a GET, whatever the client sent. */
const BODY_HEADERS = /^(?:content-.*|transfer-encoding)$/;
const pages = new PageCache();
const gzipAsync = promisify(gzipCallback);

export function handleRequest(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void, origin: string): void {
  const url = canonicalPageUrl(req.url ?? '/');
  const key = isAnonymous(req) ? url : null;
  const hit = key ? pages.get(key) : undefined;
  if (hit) {
    res.setHeader(CACHE_HEADER, 'hit');
    writePage(req, res, hit).catch(next);
    return;
  }
  const renderedAt = pages.currentGeneration;
  Promise.resolve()
    .then(() => render(pageJob(req, origin, url, renderContext(req, res))))
    .then(async (rendered) => {
      if (!rendered) return next();
      const page = cachedPage(rendered);
      if (key && isShareable(page)) {
        pages.store(key, page, renderedAt);
        res.setHeader(CACHE_HEADER, 'miss');
      }
      await writePage(req, res, page);
    })
    .catch(next);
}

/**
 * A form the browser posted to its page by itself (no script, or not yet), which the API server refused
 * (apps/api/src/page-forms): the page is rendered again, never cached, with the form's errors and the
 * reader's non-secret inputs, and answered with the API's status unless the render itself chose one
 * (a redirect to /login, a 404).
 */
export async function renderPostedForm(req: IncomingMessage, res: ServerResponse, origin: string, form: PostedForm, status: number): Promise<void> {
  const url = canonicalPageUrl(req.url ?? '/');
  const rendered = await render(pageJob(req, origin, url, renderContext(req, res, form)));
  if (!rendered) throw new Error(`no page renders ${url}`);
  const page = cachedPage(rendered);
  const headers = page.headers.filter(([name]) => name !== 'cache-control');
  headers.push(['cache-control', 'private, no-store']);
  await writePage(req, res, { status: page.status === 200 ? status : page.status, headers, body: page.body });
}

/**
 * Renders a job in this thread: what a render worker runs, and what the API server's thread runs when it has
 * no pool (SSR_WORKERS=0, `ng serve`).
 */
export const renderPage: RenderPage = async ({ url, method, headers, context }) => {
  const response = await engine.handle(new Request(url, { method, headers }), context);
  if (!response) return null;
  const pageHeaders: [string, string][] = [];
  response.headers.forEach((value, name) => pageHeaders.push([name, value]));
  // A body of its own (not a view of a shared buffer), so that a worker can move it to the pool's thread.
  return { status: response.status, headers: pageHeaders, body: new Uint8Array(await response.arrayBuffer()) };
};

let render: RenderPage = renderPage;
let pool: RenderPool | null = null;

/**
 * Renders pages from now on on `size` worker threads, each running this bundle (`bundleUrl`, its
 * server.mjs) as a render worker. The API server calls it once, at start (SSR_WORKERS).
 */
export function startRenderWorkers(bundleUrl: URL, size: number, log: (message: string) => void): void {
  if (pool) throw new Error('render workers are already started');
  pool = new RenderPool({ spawn: () => new Worker(bundleUrl, { workerData: RENDER_WORKER, name: 'render' }), size, fallback: renderPage, log });
  render = pool.render;
}

/** Stops the render workers, if any, and renders in this thread again. */
export async function stopRenderWorkers(): Promise<void> {
  const stopping = pool;
  pool = null;
  render = renderPage;
  await stopping?.close();
}

if (!isMainThread && workerData === RENDER_WORKER && parentPort) serveRenders(parentPort, renderPage);

/**
 * The SSR_CSP_NONCE contract with the API server (apps/api/src/web/web-app.ts): every inline script and style
 * of a page carries `res.locals.cspNonce`, the nonce of the response's CSP header. Pages are rendered with a
 * placeholder, random per process so that no content can know it, and stamped with the response's nonce on
 * the way out: a cached page is answered again with a fresh nonce each time.
 */
export const SSR_CSP_NONCE = true;
const NONCE_PLACEHOLDER = randomBytes(18).toString('base64url');

function responseNonce(res: ServerResponse): string | null {
  const nonce = (res as ServerResponse & { locals?: { cspNonce?: unknown } }).locals?.cspNonce;
  return typeof nonce === 'string' ? nonce : null;
}

/** Only in `nonce="…"` and `ngcspnonce="…"` attributes: text can hold the placeholder only escaped, never so. */
function stamped(body: Buffer, nonce: string | null): Buffer {
  if (nonce === null) return body;
  return Buffer.from(body.toString('utf8').replaceAll(`="${NONCE_PLACEHOLDER}"`, `="${nonce}"`));
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

/** Only an anonymous reader's page is shared: a signed-in reader (session cookie or token header) gets their own view. */
function isAnonymous(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const cookie = req.headers.cookie;
  return !req.headers.authorization && !readCookie(cookie, SESSION_COOKIE) && !readCookie(cookie, SECURE_SESSION_COOKIE);
}

/**
 * The reader's session token for the render, under the cookie name of the scheme the reader used: Express's
 * `req.secure`, which follows the proxy settings (the render's own URL is always the loopback listener's).
 */
function renderContext(req: IncomingMessage, res: ServerResponse, postedForm: PostedForm | null = null): RenderContext {
  const secure = (req as IncomingMessage & { secure?: boolean }).secure === true;
  return { sessionToken: sessionTokenOf(req.headers.cookie, secure), cspNonce: responseNonce(res) === null ? null : NONCE_PLACEHOLDER, postedForm };
}

/** The client's request as the engine renders it: at `origin`, without the client's names for it. */
function pageJob(req: IncomingMessage, origin: string, url: string, context: RenderContext): PageJob {
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':') || CLIENT_ORIGIN_HEADERS.test(name) || BODY_HEADERS.test(name)) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.push([name, one]);
  }
  headers.push(['host', new URL(origin).host]);
  return { url: `${origin}${url}`, method: req.method === 'HEAD' ? 'HEAD' : 'GET', headers, context };
}

function cachedPage({ status, headers, body }: RenderedPage): CachedPage {
  return { status, headers, body: Buffer.from(body.buffer, body.byteOffset, body.byteLength) };
}

/**
 * A page is kept only when it rendered completely for anyone: 200, not marked private or no-store
 * (a signed-in view, or a render whose data calls failed: core/api/render-failure.interceptor.ts).
 */
function isShareable(page: CachedPage): boolean {
  const cacheControl = page.headers.find(([name]) => name === 'cache-control')?.[1] ?? '';
  return page.status === 200 && !/private|no-store/.test(cacheControl) && !page.headers.some(([name]) => name === 'set-cookie');
}

/**
 * A page as it goes out: stamped with the response's nonce, then gzipped when the client accepts it (the HTML
 * carries its critical CSS and the transfer state). The API server's compression middleware leaves a
 * response that already has a Content-Encoding alone.
 */
async function writePage(req: IncomingMessage, res: ServerResponse, page: CachedPage): Promise<void> {
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && page.body.length > 0;
  const html = stamped(page.body, responseNonce(res));
  // Every answer is compressed anew (its nonce differs): on libuv's threads, not on the event loop.
  const body = gzip ? await gzipAsync(html) : html;
  res.statusCode = page.status;
  for (const [name, value] of page.headers) {
    if (name !== 'content-length' && name !== 'content-encoding') res.appendHeader(name, value);
  }
  if (gzip) res.setHeader('content-encoding', 'gzip');
  res.appendHeader('vary', 'Accept-Encoding');
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Lets `ng serve` and the build's route extraction use the same handler, rendering from the listener the request came in on. */
export const reqHandler = createNodeRequestHandler((req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) =>
  handleRequest(req, res, next, `http://127.0.0.1:${req.socket.localPort}`),
);
