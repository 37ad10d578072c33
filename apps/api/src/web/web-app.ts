import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import compression from 'compression';
import { static as serveStatic, type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { merge } from 'rxjs';
import type { PostedForm } from '@conduit/contract';
import { CommittedChanges } from '@conduit/live-server';
import { requestId } from '../logging/request-id';
import { METRICS_ROUTE } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import { PageRenderer } from '../page-forms/page-renderer';
import { internalOrigin } from './internal-origin';
import type { PagePolicy } from '../security/http-security';

/** Angular's output hashing: `main-ABCD1234.js`, `styles-ABCD1234.css`, `chunk-ABCD1234.js`. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.(?:js|css|mjs)$/;

/**
 * What the Angular server bundle (apps/web/src/server.ts) exports. `SSR_CSP_NONCE = true` declares
 * that it renders every inline script and style with `res.locals.cspNonce` (Angular's CSP_NONCE and
 * the `ngCspNonce` attribute); only then does the page CSP drop 'unsafe-inline' (security/http-security.ts).
 */
interface ServerBundle {
  /** `origin` is where the render's API calls go: this server's own listener, never a name from the request. */
  handleRequest(req: Request, res: Response, next: NextFunction, origin: string): void;
  /** The page a form was posted to, rendered again with the refused form in it, answered with `status`. */
  renderPostedForm(req: Request, res: Response, origin: string, form: PostedForm, status: number): Promise<void>;
  SSR_CSP_NONCE?: boolean;
  /** Renders pages on `size` worker threads running the bundle at `bundleUrl` from now on (SSR_WORKERS). */
  startRenderWorkers(bundleUrl: URL, size: number, log: (message: string) => void): void;
  stopRenderWorkers(): Promise<void>;
  /** The bundle's page cache: emptied on every committed change, switched by SSR_CACHE. */
  invalidatePages(): void;
  setPageCacheEnabled(enabled: boolean): void;
}

/** A path outside /api whose last segment has a dot: the only kind the browser build holds. */
function mayBeAsset(path: string): boolean {
  return !path.startsWith('/api/') && path.lastIndexOf('.') > path.lastIndexOf('/');
}

/**
 * Serves the Angular app from this process: hashed browser assets as static files, and every
 * other non-API path rendered by the Angular server bundle. One origin for pages, /api and /ws.
 */
export async function mountWebApp(app: NestExpressApplication, webDistDir: string, pages: PagePolicy, ssrCache: boolean, ssrWorkers: number): Promise<boolean> {
  const logger = new Logger('WebApp');
  const serverBundle = join(webDistDir, 'server', 'server.mjs');
  if (!existsSync(serverBundle)) {
    logger.warn(`no web build at ${webDistDir} (run "npm run build"): serving the API only`);
    return false;
  }
  // A real dynamic import: the bundle is an ES module, and this file compiles to CommonJS.
  const bundleUrl = pathToFileURL(serverBundle);
  const { handleRequest, renderPostedForm, SSR_CSP_NONCE, invalidatePages, setPageCacheEnabled, startRenderWorkers, stopRenderWorkers } = (await import(
    bundleUrl.href
  )) as ServerBundle;
  if (ssrWorkers > 0) {
    startRenderWorkers(bundleUrl, ssrWorkers, (message) => logger.error(message));
    // After the listener closed (shutdown, or a test's app.close()), no page is left to render.
    app.getHttpServer().once('close', () => void stopRenderWorkers());
  }
  pages.nonces = SSR_CSP_NONCE === true;
  // The bundle stamps each answer, cached or not, with the response's own nonce.
  setPageCacheEnabled(ssrCache);
  // Synchronous with the commit for changes written here, so a reader who saw a write answered
  // never gets a page from before it; other instances' changes arrive with the stream tailer, and a
  // gap (changes retention removed before this instance read them) may hide any write.
  const committed = app.get(CommittedChanges);
  merge(committed.changes$, committed.gaps$).subscribe(() => invalidatePages());
  if (!pages.nonces) logger.warn(`the web build at ${webDistDir} does not apply CSP nonces: pages get 'unsafe-inline' scripts and styles`);
  const { ssrRender } = app.get(MetricsService);
  const origin = () => internalOrigin(app.getHttpServer().address());
  app.get(PageRenderer).attach((req, res, form, status) => {
    const endTimer = ssrRender.startTimer();
    res.once('finish', () => endTimer({ status: String(res.statusCode) }));
    return renderPostedForm(req, res, origin(), form, status);
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) res.locals[METRICS_ROUTE] = 'static';
    next();
  });
  // Scripts and styles compressed on the way out (pages are gzipped by the server bundle itself).
  app.use(compression({ filter: (req: Request) => !req.path.startsWith('/api/') }));
  const assets = serveStatic(join(webDistDir, 'browser'), {
    index: false,
    // Hashed build outputs never change under their name; everything else may, so it is revalidated.
    setHeaders: (res: Response, path: string) =>
      res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600'),
  });
  // Every file of the browser build has an extension; pages and the API do not. Without this, each
  // page request and each API call (the render's own included) cost a stat() and a 404 error object.
  app.use((req: Request, res: Response, next: NextFunction) => (mayBeAsset(req.path) ? assets(req, res, next) : next()));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.locals[METRICS_ROUTE] = 'ssr';
    const endTimer = ssrRender.startTimer();
    // Pages are answered before Nest's request logging runs, so they are logged here, under an id
    // that the render's own API calls carry too (the web app's request-id interceptor).
    const id = requestId(req, res);
    req.headers['x-request-id'] = id;
    Object.assign(req, { id });
    res.once('finish', () => logPage(logger, req, res, endTimer({ status: String(res.statusCode) })));
    handleRequest(req, res, next, origin());
  });
  return true;
}

/**
 * One line per page, the same shape as the API's request lines: the raw request and response go
 * through the logger's own serializers, which keep no header but the user agent (so no token cookie).
 */
function logPage(logger: Logger, req: Request, res: Response, seconds: number): void {
  const line = { msg: 'page served', req, res, responseTime: Math.round(seconds * 1000) };
  if (res.statusCode >= 500) logger.error(line);
  else if (res.statusCode >= 400) logger.warn(line);
  else logger.log(line);
}
