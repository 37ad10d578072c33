import { Logger, type INestApplication } from '@nestjs/common';

const SHUTDOWN_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * SIGTERM or SIGINT: the app closes (sockets told 1001, requests in flight answered, stores closed),
 * says so, and the process exits 0; pino flushes on `process.exit`. Past `timeoutMs` whatever still
 * holds the close up is cut: `server.close()` waits for every open request, and a client that sent
 * half of one never finishes it. A second signal changes nothing.
 */
export function stopOnSignals(app: INestApplication, timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    // Unref'd: only something still open keeps the process alive long enough for it to fire.
    setTimeout(() => {
      logger.warn(`shutdown took longer than ${timeoutMs} ms: exiting, cutting what is still open`);
      process.exit(0);
    }, timeoutMs).unref();
    logger.log(`${signal}: shutting down`);
    app.close().then(
      () => {
        logger.log('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      },
    );
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, stop);
}
