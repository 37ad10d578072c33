import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { createLiveWsAdapter } from '@conduit/live-server';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app-config';
import { mountWebApp } from './web/web-app';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
}

/** Builds the whole app (REST, socket, pages) without listening: main.ts and e2e tests share it. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), new ExpressAdapter(), {
    logger: options.logger ?? ['log', 'warn', 'error', 'fatal'],
    bodyParser: false,
  });
  app.useBodyParser('json', { limit: '256kb' });
  app.setGlobalPrefix('api');
  app.disable('x-powered-by');
  app.useWebSocketAdapter(createLiveWsAdapter(app));
  app.enableShutdownHooks();
  if (config.webDistDir) await mountWebApp(app, config.webDistDir);
  return app;
}

export function logStartup(store: string, bus: string, url: string): void {
  new Logger('Conduit').log(`listening on ${url} (pages, /api, /ws) | store: ${store} | bus: ${bus}`);
}
