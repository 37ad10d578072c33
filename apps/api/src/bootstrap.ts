import { RequestMethod, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { createLiveWsAdapter } from '@conduit/live-server';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { LOG_LEVELS, type LogLevelName } from './config/config-schema';
import { refuseDeepJson } from './common/json-depth';
import { refuseNulCharacters } from './common/nul-characters';
import { mountApiDocs } from './docs/api-docs';
import { edgeGuard } from './edge/edge-guard';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';
import { pageFormBody } from './page-forms/page-form-body';
import { PAGE_FORM_ROUTES } from './page-forms/page-form-routes';
import { applyHttpSecurity, type PagePolicy } from './security/http-security';
import { mountWebApp } from './web/web-app';

export interface CreateAppOptions {
  /** Nest's level list (tests pass `['error', 'fatal']`); overrides LOG_LEVEL. */
  logger?: LogLevel[] | false;
}

const NEST_TO_PINO: [LogLevel, LogLevelName][] = [
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
];

/** The most verbose pino level among Nest's list. */
function pinoLevel(levels: LogLevel[] | false | undefined, fallback: LogLevelName): LogLevelName {
  if (levels === undefined) return fallback;
  if (levels === false) return 'silent';
  return NEST_TO_PINO.find(([nest]) => levels.includes(nest))?.[1] ?? 'silent';
}

/** Builds the whole app (REST, socket, pages) without listening: main.ts and e2e tests share it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, pinoLevel(options.logger, config.logLevel)), new ExpressAdapter(), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(PinoNestLogger));
  // Which peers may say who the client is (X-Forwarded-For/-Proto/-Host): req.ip, req.protocol, req.host.
  app.set('trust proxy', config.trustProxy);
  app.use(httpMetrics(app.get(MetricsService)));
  app.use(edgeGuard(config));
  const pages: PagePolicy = { nonces: false };
  applyHttpSecurity(app, config, pages);
  app.useBodyParser('json', { limit: '256kb' });
  app.use(pageFormBody());
  app.use(refuseDeepJson());
  app.use('/api', refuseNulCharacters());
  // The forms browsers post natively go to their own pages, not under /api.
  app.setGlobalPrefix('api', { exclude: Object.values(PAGE_FORM_ROUTES).map((path) => ({ path, method: RequestMethod.POST })) });
  app.disable('x-powered-by');
  app.useWebSocketAdapter(createLiveWsAdapter(app));
  mountApiDocs(app);
  if (config.webDistDir) await mountWebApp(app, config.webDistDir, pages, config.ssrCache, config.ssrWorkers);
  return app;
}

/**
 * The line tests and operators wait for, in this exact form. It goes through the logger (a JSON
 * line's `msg` holds it verbatim); a LOG_LEVEL that hides `info` must not hide it, so then it is
 * written to stdout as it is.
 */
export function logStartup(app: NestExpressApplication, level: LogLevelName, store: string, bus: string, url: string, metricsUrl: string | null): void {
  const line = `listening on ${url} (pages, /api, /ws) | store: ${store} | bus: ${bus} | metrics: ${metricsUrl ?? 'off'}`;
  const infoShown = level !== 'silent' && LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf('info');
  if (infoShown) app.get(PinoNestLogger).log(line, 'Conduit');
  else process.stdout.write(`${line}\n`);
}
