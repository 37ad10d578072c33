import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import WebSocket from 'ws';
import { merge } from 'rxjs';
import { ARTICLES_TOPIC, LIVE_EVENTS_PATH, STREAM_CURSOR_HEADER, isCursor, type Change } from '@conduit/contract';
import { LiveClient, type WebSocketCtor } from '@conduit/live-client';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/app-config.token';
import { CliError } from '../admin-context';

interface TailOptions {
  since?: string;
  url?: string;
  json?: boolean;
  sse?: boolean;
}

/** `--url` may name the site (http://host:3000) or the socket (ws://host:3000/ws). */
export function socketUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`--url must be a URL like http://localhost:3000 or ws://localhost:3000/ws, got "${url}"`);
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    parsed.protocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
    if (parsed.pathname === '/' || parsed.pathname === '') parsed.pathname = '/ws';
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw new CliError(`--url must be http(s) or ws(s), got "${url}"`);
  return parsed;
}

/** The page-side URL (http, https) of the same server as `socket`, at `path`. */
function siteUrl(socket: URL, path: string): URL {
  const site = new URL(socket);
  site.protocol = socket.protocol === 'wss:' ? 'https:' : 'http:';
  site.pathname = path;
  site.search = '';
  return site;
}

function describe(change: Change): string {
  const data = change.data as { title?: string; body?: string } | null;
  const what = data?.title ?? (data?.body ? data.body.slice(0, 60) : '');
  return `#${change.cursor} ${change.topic} ${change.type} ${change.entity} ${change.key}${what ? `  ${what}` : ''}`;
}

/**
 * A client of PROTOCOL.md (@conduit/live-client over the `ws` package, or over server-sent events with
 * `--sse`, and falling back to them when sockets cannot be opened): prints every change of the topics as
 * it comes, reconnects with backoff and resumes from the last cursor it printed. After a
 * `reset` it continues from the stream's current head (REST's X-Stream-Cursor), saying so.
 */
@Command({ name: 'tail', arguments: '[topics...]', description: 'follow live changes (default topic: articles) until Ctrl-C' })
export class TailCommand extends CommandRunner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(topics: string[], options: TailOptions): Promise<void> {
    const url = socketUrl(options.url ?? `http://localhost:${this.config.port}`);
    if (options.since !== undefined && !isCursor(options.since)) throw new CliError(`--since must be a cursor (decimal digits), got "${options.since}"`);
    const names = topics.length > 0 ? topics : [ARTICLES_TOPIC];
    const events = siteUrl(url, LIVE_EVENTS_PATH);
    const client = new LiveClient({
      url: url.toString(),
      WebSocketCtor: WebSocket as unknown as WebSocketCtor,
      eventStreamUrl: events.toString(),
      eventStreamOnly: options.sse === true,
    });
    const shown = options.sse ? events : url;
    const status = client.status$.subscribe((state) => process.stderr.write(`[${state}] ${shown}\n`));
    const errors = client.errors$.subscribe((error) => process.stderr.write(`error ${error.code}: ${error.message}\n`));
    const changes = merge(...names.map((name) => client.topic(name, options.since))).subscribe((event) => {
      if (event.kind === 'change') {
        console.log(options.json ? JSON.stringify(event.change) : describe(event.change));
        return;
      }
      process.stderr.write(`reset on ${event.topic}: ${event.reason}; continuing from the current head\n`);
      void this.head(url).then(
        (cursor) => client.resubscribe(event.topic, cursor),
        (error: unknown) => process.stderr.write(`could not read the stream head: ${String(error)}\n`),
      );
    });
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    changes.unsubscribe();
    errors.unsubscribe();
    status.unsubscribe();
  }

  private async head(socket: URL): Promise<string> {
    const site = siteUrl(socket, '/api/articles');
    site.search = '?limit=1';
    const res = await fetch(site);
    const cursor = res.headers.get(STREAM_CURSOR_HEADER);
    if (!cursor) throw new Error(`${site} answered ${res.status} without ${STREAM_CURSOR_HEADER}`);
    return cursor;
  }

  @Option({ flags: '--since <cursor>', description: 'replay every change after this cursor first' })
  parseSince(value: string): string {
    return value;
  }

  @Option({ flags: '--url <url>', description: 'the server (default http://localhost:$PORT)' })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--sse', description: 'follow over server-sent events (/api/live) instead of the WebSocket' })
  parseSse(): boolean {
    return true;
  }

  @Option({ flags: '--json', description: 'one change per line as JSON, for scripts' })
  parseJson(): boolean {
    return true;
  }
}
