import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createSchema, testDatabaseUrl } from './postgres';
import type { Store } from './test-app';

const repoRoot = resolve(__dirname, '..', '..');
const apiMain = join(repoRoot, 'dist', 'api', 'apps', 'api', 'src', 'main.js');
const webServerBundle = join(repoRoot, 'dist', 'web', 'server', 'server.mjs');

/** One JSON line of the server's log (stdout is a pipe, so every line is JSON). */
export interface LogLine {
  level: number;
  msg?: string;
  req?: { id?: string; method?: string; url?: string; remoteAddress?: string };
  res?: { statusCode?: number };
  responseTime?: number;
}

export interface ServerProcess {
  baseUrl: string;
  /** The process itself (the current one, after a restart), for suites that play with its pipes and signals. */
  readonly child: ChildProcess;
  /** The server's SQLite folder (unused on Postgres). */
  dataDir: string;
  /** The server's Postgres schema, on Postgres. */
  databaseSchema: string | null;
  /** Everything the server printed, for a failure message. */
  output(): string;
  /** The JSON log lines printed so far. */
  logLines(): LogLine[];
  /** Resolves once the server has printed `text` (a request id, say) at or after offset `since` of the output. */
  printed(text: string, since?: number): Promise<void>;
  /** SIGTERM, wait for the exit, remove the data folder; resolves with the exit code (null after a signal). */
  stop(): Promise<number | null>;
  /**
   * SIGTERM (sockets are told 1001), wait for the exit, run `whileDown`, then start the server again on the same
   * port and store; resolves with `Date.now()` of the moment it printed that it listens.
   */
  restart(whileDown?: () => Promise<void>): Promise<number>;
}

export interface ServerProcessOptions {
  /** Flags for the server's Node (e.g. `--expose-gc`), before its entry file. */
  nodeArgs?: string[];
  /** SQLite in a folder of its own (the default), or Postgres in a schema of its own. */
  store?: Store;
  /** The SQLite folder of another server, which must be stopped (restart's `whileDown`): it is not removed at stop. */
  dataDir?: string;
}

/** A free TCP port: the OS picks one for a throwaway listener, which is closed before the server takes it. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

/**
 * The BUILT app (`npm run build`: pages, /api and /ws on one origin) as a child process on its own port and
 * its own SQLite folder. Resolves once the server logs that it listens, never after a fixed delay.
 */
export async function startServerProcess(env: Record<string, string> = {}, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  for (const built of [apiMain, webServerBundle]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build before the browser suites`);
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'conduit-browser-'));
  const schema = options.store === 'postgres' ? await createSchema() : null;
  const storeEnv = schema ? { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: schema.schema } : { DATABASE_URL: '' };
  const port = await freePort();
  const spawnServer = () =>
    spawn(process.execPath, [...(options.nodeArgs ?? []), apiMain], {
      cwd: repoRoot,
      // No metrics listener unless asked for: suites run servers side by side, and METRICS_PORT has a fixed default.
      env: { ...process.env, METRICS_PORT: '0', ...env, PORT: String(port), DATA_DIR: dataDir, ...storeEnv, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const exitOf = (running: ChildProcess) => new Promise<number | null>((resolveExit) => running.once('exit', (code) => resolveExit(code)));
  let child = spawnServer();
  let exited = exitOf(child);
  let log = '';
  const watchers = new Set<() => void>();
  const append = (text: string) => {
    log += text;
    for (const watcher of watchers) watcher();
  };
  const follow = (running: ChildProcess) => running.stderr!.on('data', (chunk: Buffer) => append(chunk.toString()));
  follow(child);
  const printed = (text: string, since = 0) =>
    new Promise<void>((resolvePrinted) => {
      const watcher = () => {
        if (!log.includes(text, since)) return;
        watchers.delete(watcher);
        resolvePrinted();
      };
      watchers.add(watcher);
      watcher();
    });

  const terminate = (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  const stop = async (): Promise<number | null> => {
    const code = await terminate();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    await schema?.drop();
    return code;
  };
  const restart = async (whileDown?: () => Promise<void>): Promise<number> => {
    await terminate();
    await whileDown?.();
    child = spawnServer();
    exited = exitOf(child);
    follow(child);
    await waitForListening(child, port, (line) => append(`${line}\n`));
    return Date.now();
  };

  try {
    await waitForListening(child, port, (line) => append(`${line}\n`));
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${log}`);
  }
  return {
    baseUrl: `http://localhost:${port}`,
    get child() {
      return child;
    },
    dataDir,
    databaseSchema: schema?.schema ?? null,
    output: () => log,
    logLines: () => parseLogLines(log),
    printed,
    stop,
    restart,
  };
}

function parseLogLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

function waitForListening(child: ChildProcess, port: number, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const onExit = (code: number | null) => reject(new Error(`the server exited (code ${code}) before listening`));
    child.once('exit', onExit);
    lines.on('line', (line) => {
      onLine(line);
      if (line.includes(`listening on http://localhost:${port}`)) {
        child.off('exit', onExit);
        resolveReady();
      }
    });
  });
}
