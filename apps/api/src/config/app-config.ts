import { resolve } from 'node:path';

/** Everything the API reads from its environment, validated once at start-up. */
export interface AppConfig {
  port: number;
  /** Folder of the embedded SQLite database; unused when `databaseUrl` is set. */
  dataDir: string;
  /** `postgres://…` switches from the embedded SQLite file to PostgreSQL. */
  databaseUrl: string | null;
  /** Postgres schema to use (tests give each run its own). */
  databaseSchema: string | null;
  /** Origins besides the app's own that may open the socket. */
  allowedOrigins: string[];
  wsPingIntervalMs: number;
  wsMaxFramesPerSecond: number;
  /** The Angular build (`dist/web`) to serve pages from, or null to serve the API alone. */
  webDistDir: string | null;
  /** `redis://…`: share live changes between several API instances. */
  redisUrl: string | null;
  /** Pub/sub channel of this deployment's changes (instances of one deployment share it). */
  redisChannel: string;
  /** How often each instance checks the store for changes no bus message announced. */
  streamPollIntervalMs: number;
  /** Changes are kept this long for clients resuming from a cursor, and at most this many. */
  streamRetentionHours: number;
  streamRetentionMaxChanges: number;
  /** Unsent bytes after which a socket counts as too slow and is closed with 1013. */
  wsMaxBufferedBytes: number;
  /** Commit-order lock on change writes (on by default; off only to measure what it costs). */
  streamCommitOrderLock: boolean;
  /** Signs access tokens; null means "generate one and keep it in the data folder". */
  jwtSecret: string | null;
  /** Lifetime of an access token, in seconds. */
  jwtTtlSeconds: number;
}

export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function databaseUrl(env: Env): string | null {
  const raw = env.DATABASE_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', `must be a postgres:// URL, got "${url.protocol}//…"`);
  }
  return raw;
}

function origins(env: Env): string[] {
  const list = (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of list) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = null;
    }
    if (!parsed || parsed.origin !== origin) {
      throw new ConfigError('ALLOWED_ORIGINS', `must be a comma-separated list of origins like https://example.com, got "${origin}"`);
    }
  }
  return list;
}

function redisUrl(env: Env): string | null {
  const raw = env.REDIS_URL;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('REDIS_URL', 'is not a valid URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new ConfigError('REDIS_URL', `must be a redis:// URL, got "${url.protocol}//…"`);
  return raw;
}

function jwtSecret(env: Env): string | null {
  const secret = env.JWT_SECRET;
  if (!secret) return null;
  if (secret.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters long');
  return secret;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): AppConfig {
  const schema = env.DATABASE_SCHEMA || null;
  if (schema !== null && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('DATABASE_SCHEMA', 'must be a plain SQL identifier');
  }
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    dataDir: resolve(cwd, env.DATA_DIR || 'data'),
    databaseUrl: databaseUrl(env),
    databaseSchema: schema,
    allowedOrigins: origins(env),
    wsPingIntervalMs: integer(env, 'WS_PING_INTERVAL_MS', 30_000, 1_000, 3_600_000),
    wsMaxFramesPerSecond: integer(env, 'WS_MAX_FRAMES_PER_SECOND', 50, 1, 100_000),
    webDistDir: resolve(cwd, env.WEB_DIST_DIR || 'dist/web'),
    redisUrl: redisUrl(env),
    redisChannel: env.REDIS_CHANNEL || 'conduit:changes',
    streamPollIntervalMs: integer(env, 'STREAM_POLL_INTERVAL_MS', 1000, 50, 60_000),
    streamRetentionHours: integer(env, 'STREAM_RETENTION_HOURS', 7 * 24, 1, 24 * 365),
    streamRetentionMaxChanges: integer(env, 'STREAM_RETENTION_MAX_CHANGES', 1_000_000, 1_000, 1_000_000_000),
    wsMaxBufferedBytes: integer(env, 'WS_MAX_BUFFERED_BYTES', 4 * 1024 * 1024, 64 * 1024, 1024 * 1024 * 1024),
    streamCommitOrderLock: boolean(env, 'STREAM_COMMIT_ORDER_LOCK', true),
    jwtSecret: jwtSecret(env),
    jwtTtlSeconds: integer(env, 'JWT_TTL_SECONDS', 7 * 24 * 3600, 60, 365 * 24 * 3600),
  };
}
