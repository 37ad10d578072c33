import './runtime/require-supported-node';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { LiveStats } from '@conduit/live-server';
import { createApp, logStartup } from './bootstrap';
import { ConfigError } from './config/config-error';
import { loadProcessConfig } from './config/app-config.loader';
import { describeStore } from './database/database-options';
import { stopOnSignals } from './lifecycle/graceful-shutdown';
import { stopWritingToBrokenPipes } from './logging/broken-pipes';
import { MetricsListener } from './metrics/metrics-listener';

async function main(): Promise<void> {
  stopWritingToBrokenPipes();
  const config = loadProcessConfig();
  const app = await createApp(config);
  stopOnSignals(app, config.shutdownTimeoutMs);
  app.getHttpServer().keepAliveTimeout = config.httpKeepAliveTimeoutMs;
  await app.listen(config.port);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const metricsUrl = await app.get(MetricsListener).start(config.metrics.port, config.metrics.host);
  logStartup(app, config.logLevel, describeStore(config), app.get(LiveStats).snapshot().bus.name, `http://localhost:${port}`, metricsUrl);
}

main().catch((error: unknown) => {
  const logger = new Logger('Conduit');
  if (error instanceof ConfigError) logger.fatal(`bad configuration: ${error.message}`);
  else logger.fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
