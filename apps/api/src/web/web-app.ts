import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { METRICS_ROUTE } from '../metrics/http-metrics.middleware';
import { MetricsService } from '../metrics/metrics.service';
import type { PagePolicy } from '../security/http-security';

type SsrHandler = (req: Request, res: Response, next: NextFunction) => void;

/**
 * What the Angular server bundle (apps/web/src/server.ts) exports. `SSR_CSP_NONCE = true` declares
 * that it renders every inline script and style with `res.locals.cspNonce` (Angular's CSP_NONCE and
 * the `ngCspNonce` attribute); only then does the page CSP drop 'unsafe-inline' (security/http-security.ts).
 */
interface ServerBundle {
  handleRequest: SsrHandler;
  SSR_CSP_NONCE?: boolean;
}

/**
 * Serves the Angular app from this process: hashed browser assets as static files, and every
 * other non-API path rendered by the Angular server bundle. One origin for pages, /api and /ws.
 */
export async function mountWebApp(app: NestExpressApplication, webDistDir: string, pages: PagePolicy): Promise<boolean> {
  const logger = new Logger('WebApp');
  const serverBundle = join(webDistDir, 'server', 'server.mjs');
  if (!existsSync(serverBundle)) {
    logger.warn(`no web build at ${webDistDir} (run "npm run build"): serving the API only`);
    return false;
  }
  // A real dynamic import: the bundle is an ES module, and this file compiles to CommonJS.
  const { handleRequest, SSR_CSP_NONCE } = (await import(pathToFileURL(serverBundle).href)) as ServerBundle;
  pages.nonces = SSR_CSP_NONCE === true;
  if (!pages.nonces) logger.warn(`the web build at ${webDistDir} does not apply CSP nonces: pages get 'unsafe-inline' scripts and styles`);
  const { ssrRender } = app.get(MetricsService);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith('/api/')) res.locals[METRICS_ROUTE] = 'static';
    next();
  });
  app.useStaticAssets(join(webDistDir, 'browser'), { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/api' || req.path.startsWith('/api/') || req.path === '/metrics') return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    res.locals[METRICS_ROUTE] = 'ssr';
    const endTimer = ssrRender.startTimer();
    res.once('finish', () => endTimer({ status: String(res.statusCode) }));
    handleRequest(req, res, next);
  });
  return true;
}
