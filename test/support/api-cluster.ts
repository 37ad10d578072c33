import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { createSchema, testDatabaseUrl } from './postgres';
import { testRedisUrl, uniqueChannel } from './redis';
import { freePort } from './server-process';

const repoRoot = resolve(__dirname, '..', '..');
const apiMain = join(repoRoot, 'dist', 'api', 'apps', 'api', 'src', 'main.js');

/** An HTTP answer from an instance; a connection error (the instance is down) rejects instead. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}


/**
 * One BUILT API process (`npm run build:api`) of a cluster. It keeps its port across restarts;
 * `start` resolves once the process logs that it listens, never after a fixed delay.
 */
export class ClusterInstance {
  readonly baseUrl: string;
  readonly wsUrl: string;
  private child: ChildProcess | null = null;
  private exited: Promise<Exit> = Promise.resolve({ code: null, signal: null });
  private log = '';
  private lineWatchers: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  /** Exits seen so far, oldest first (a SIGTERM answered with code 0, a SIGKILL...). */
  readonly exits: Exit[] = [];

  constructor(
    readonly index: number,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.wsUrl = `ws://127.0.0.1:${port}/ws`;
  }

  /** True between a successful start and the process's exit. */
  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything every run of this instance printed, for failure messages. */
  output(): string {
    return this.log;
  }

  /** A REST call; generous timeout, because a loaded machine is slow but a hung call must not hang the suite. */
  async request<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Token ${token}`;
    const res = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // Not JSON (a proxy's or framework's error page): keep the text for the failure message.
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  /** A snapshot's `X-Stream-Cursor` (GET /api/articles): the cursor a fresh client subscribes from. */
  async snapshotCursor(): Promise<string> {
    const answer = await this.request('GET', '/articles');
    const cursor = answer.headers.get('x-stream-cursor');
    if (answer.status !== 200 || !cursor) throw new Error(`GET /api/articles on instance ${this.index} answered ${answer.status} without a cursor`);
    return cursor;
  }

  async start(): Promise<void> {
    if (this.child && this.running) throw new Error(`instance ${this.index} is already running`);
    const child = spawn(process.execPath, [apiMain], {
      cwd: repoRoot,
      env: { ...process.env, METRICS_PORT: '0', ...this.env, PORT: String(this.port), NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolveExit) =>
      child.once('exit', (code, signal) => {
        const exit = { code, signal };
        this.exits.push(exit);
        this.log += `--- instance ${this.index} exited: code ${code}, signal ${signal}\n`;
        resolveExit(exit);
      }),
    );
    child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      this.log += `${line}\n`;
      this.lineWatchers = this.lineWatchers.filter((watcher) => {
        if (!watcher.pattern.test(line)) return true;
        watcher.resolve(line);
        return false;
      });
    });
    const listening = this.nextLine(new RegExp(`listening on http://localhost:${this.port}\\b`));
    const exit = await Promise.race([listening.then(() => null), this.exited]);
    if (exit) throw new Error(`instance ${this.index} exited (code ${exit.code}, signal ${exit.signal}) before listening\n--- output ---\n${this.log}`);
  }

  /** Resolves with the next line the process prints (from now on) that matches. */
  nextLine(pattern: RegExp): Promise<string> {
    return new Promise((resolveLine) => this.lineWatchers.push({ pattern, resolve: resolveLine }));
  }

  /** SIGTERM (a deploy): resolves with the exit once the process is gone. */
  stop(): Promise<Exit> {
    return this.signal('SIGTERM');
  }

  /** SIGKILL (a crash): no shutdown hook runs. */
  kill(): Promise<Exit> {
    return this.signal('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  private async signal(signal: NodeJS.Signals): Promise<Exit> {
    if (this.running) this.child!.kill(signal);
    return this.exited;
  }
}

/** One committed row of the change stream, as the database (the truth) holds it. */
export interface CommittedChange {
  cursor: string;
  key: string;
  type: string;
}

export interface ApiCluster {
  instances: ClusterInstance[];
  schema: string;
  channel: string;
  /** The committed changes of `topic` after `cursor`, in cursor order, read from "stream_change". */
  committedChanges(topic: string, after: string): Promise<CommittedChange[]>;
  /** A Postgres client on the cluster's schema, for the test's own transactions; the caller ends it. */
  connect(): Promise<Client>;
  /** Stops every instance that still runs (SIGKILL if SIGTERM is not enough) and drops the schema. */
  close(): Promise<void>;
}

export interface ClusterOptions {
  size: number;
  /** Extra environment for every instance (WS_MAX_BUFFERED_BYTES, ...). */
  env?: Record<string, string>;
}

/**
 * N built API processes of one deployment: one fresh Postgres schema, one Redis channel, one JWT
 * secret (unless `env` sets JWT_SECRET to "": then the one the instances generate), a data folder
 * each. Instance 0 migrates the schema before the others start, as a rolling deploy would.
 */
export async function startApiCluster({ size, env = {} }: ClusterOptions): Promise<ApiCluster> {
  if (!existsSync(apiMain)) throw new Error(`${apiMain} is missing: run npm run build:api before the delivery suites`);
  const { schema, drop } = await createSchema();
  const channel = uniqueChannel();
  const shared = {
    DATABASE_URL: testDatabaseUrl,
    DATABASE_SCHEMA: schema,
    REDIS_URL: testRedisUrl,
    REDIS_CHANNEL: channel,
    JWT_SECRET: 'one secret shared by every instance of this cluster',
    WEB_DIST_DIR: '/nonexistent',
    STREAM_POLL_INTERVAL_MS: '200',
    ...env,
  };
  const instances: ClusterInstance[] = [];
  // A data folder per instance, as on machines of their own: nothing is shared but Postgres and Redis.
  const dataDirs: string[] = [];
  for (let index = 0; index < size; index++) {
    dataDirs.push(mkdtempSync(join(tmpdir(), `conduit-cluster-${index}-`)));
    // Each instance keeps its port across restarts, so that clients reconnect to the same URL.
    instances.push(new ClusterInstance(index, await freePort(), { DATA_DIR: dataDirs[index], ...shared }));
  }

  const connect = async (): Promise<Client> => {
    const client = new Client({ connectionString: testDatabaseUrl });
    await client.connect();
    await client.query(`SET search_path TO "${schema}"`);
    return client;
  };
  const committedChanges = async (topic: string, after: string): Promise<CommittedChange[]> => {
    const client = await connect();
    try {
      const { rows } = await client.query<{ id: string; key: string; type: string }>(
        'SELECT id, key, type FROM stream_change WHERE topic = $1 AND id > $2 ORDER BY id',
        [topic, after],
      );
      return rows.map((row) => ({ cursor: String(row.id), key: row.key, type: row.type }));
    } finally {
      await client.end();
    }
  };

  const close = async (): Promise<void> => {
    await Promise.all(
      instances.map(async (instance) => {
        if (!instance.running) return;
        const stopped = instance.stop();
        // A stuck shutdown must not leave a process behind: the gateway waits at most 3 s for sockets.
        const timer = setTimeout(() => void instance.kill(), 15_000);
        await stopped;
        clearTimeout(timer);
      }),
    );
    await drop();
    for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await instances[0].start();
    await Promise.all(instances.slice(1).map((instance) => instance.start()));
  } catch (error) {
    await close();
    throw error;
  }
  return { instances, schema, channel, committedChanges, connect, close };
}

/** Rejects with `what` when `promise` has not settled by the deadline: a hang fails with a reason, not a Jest timeout. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Polls `done` until it holds, failing with `describe()` at the deadline: for end states that no single event announces. */
export async function waitUntil(done: () => boolean, deadlineMs: number, describe: () => string): Promise<void> {
  const giveUpAt = Date.now() + deadlineMs;
  while (!done()) {
    if (Date.now() > giveUpAt) throw new Error(`gave up after ${deadlineMs} ms: ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
