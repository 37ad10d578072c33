import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { randomBytes } from 'node:crypto';
import { STREAM_CURSOR_HEADER } from '@conduit/contract';
import type { AppConfig } from '../config/app-config';

/** What the page renderer may do: set by web-app.ts once it knows whether the web build applies nonces. */
export interface PagePolicy {
  /** The Angular server bundle puts `res.locals.cspNonce` on every inline script and style. */
  nonces: boolean;
}

/**
 * Security headers (helmet) and CORS. The CSP allows nothing from other origins but images (articles
 * show avatars from anywhere) and, for the sockets, this origin. Inline scripts and styles come only
 * from Angular SSR (its event-replay script, its critical CSS): with a web build that applies the
 * per-request nonce they need it; an older build gets 'unsafe-inline' for them, and a startup warning.
 */
export function applyHttpSecurity(app: NestExpressApplication, config: AppConfig, pages: PagePolicy): void {
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  // Swagger UI (/api/docs) has inline styles of its own that carry no nonce.
  const nonced = (req: unknown) => pages.nonces && !((req as Request).url ?? '').startsWith('/api/docs');
  const inline = (req: unknown, res: unknown) => (nonced(req) ? `'nonce-${(res as Response).locals.cspNonce as string}'` : "'unsafe-inline'");
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", inline],
          // Angular's critical-CSS loader is an onload attribute unless the nonce replaces it with a script.
          scriptSrcAttr: [(req) => (nonced(req) ? "'none'" : "'unsafe-inline'")],
          styleSrc: ["'self'", inline],
          imgSrc: ["'self'", 'data:', 'https:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'self'"],
        },
      },
    }),
  );
  // No origin list: same-origin only (no CORS headers at all). Tokens travel in a header, never cookies.
  app.enableCors({
    origin: config.allowedOrigins.length > 0 ? [...config.allowedOrigins] : false,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
    exposedHeaders: [STREAM_CURSOR_HEADER, 'X-Request-Id', 'Retry-After'],
    maxAge: 600,
  });
}
