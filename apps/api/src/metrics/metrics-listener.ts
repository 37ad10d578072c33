import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config/config-error';
import { MetricsService } from './metrics.service';

export const METRICS_PATH = '/metrics';

/**
 * `GET /metrics` in the Prometheus text format on a listener of its own (METRICS_PORT, on
 * METRICS_HOST: 127.0.0.1 by default), never on the app's public port: the scrape shows the Node
 * version, memory and internals. Started by main.ts once the app listens, closed with the app.
 */
@Injectable()
export class MetricsListener implements OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(private readonly metrics: MetricsService) {}

  /** Resolves with the scrape URL, or null when `port` is 0 (no listener). */
  async start(port: number, host: string): Promise<string | null> {
    if (port === 0) return null;
    const server = createServer((req, res) => void this.answer(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(error.code === 'EADDRINUSE' ? new ConfigError([`METRICS_PORT ${port} is in use on ${host}: choose another, or 0 for no metrics listener`]) : error),
      );
      server.listen(port, host, resolve);
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${shown}:${address.port}${METRICS_PATH}`;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((resolve) => server.close(resolve));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0];
    if (path !== METRICS_PATH) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('method not allowed\n');
    try {
      const body = await this.metrics.text();
      res.writeHead(200, { 'content-type': this.metrics.contentType, 'cache-control': 'no-store' }).end(req.method === 'HEAD' ? undefined : body);
    } catch (error) {
      this.logger.error(`scrape failed: ${error instanceof Error ? error.message : String(error)}`);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('scrape failed\n');
    }
  }
}
