import type { NextFunction, Request, Response } from 'express';
import type { MetricsService } from './metrics.service';

/** What a request is counted under when no Nest route matched it (set by web-app.ts for pages). */
export const METRICS_ROUTE = 'metricsRoute';

/**
 * Times every request, pages and assets included. The route label is the matched pattern
 * (`/api/articles/:slug`), never the raw path, so series stay few.
 */
export function httpMetrics(metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : ((res.locals[METRICS_ROUTE] as string | undefined) ?? 'unmatched');
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
    });
    next();
  };
}
