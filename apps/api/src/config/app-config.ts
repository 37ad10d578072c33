import { resolve } from 'node:path';
import { parseTrustProxy, type TrustProxy } from '../edge/trust-proxy';
import { ConfigError, splitList, validateEnvironment, type Environment, type LogFormat, type LogLevelName } from './environment';

export { ConfigError };

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
  /** The origin readers use (`https://conduit.example`), or null: then only loopback names and `allowedHosts`. */
  publicUrl: string | null;
  /** Host names (or `*.domain`) served besides the loopback names and the public URL's (NG_ALLOWED_HOSTS). */
  allowedHosts: string[];
  /** Express's `trust proxy`: which peers' X-Forwarded-For/-Proto/-Host are believed. */
  trustProxy: TrustProxy;
  /** The Prometheus listener, apart from the app's port (port 0: none). */
  metrics: { port: number; host: string };
  wsPingIntervalMs: number;
  wsMaxFramesPerSecond: number;
  /** Sockets one client address may hold open (0: no limit); more are refused with HTTP 429. */
  wsMaxSocketsPerAddress: number;
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
  /** How often each instance prunes the change stream. */
  streamRetentionPruneIntervalMs: number;
  /** Unsent bytes after which a socket counts as too slow and is closed with 1013. */
  wsMaxBufferedBytes: number;
  /** Commit-order lock on change writes (on by default; off only to measure what it costs). */
  streamCommitOrderLock: boolean;
  /** Test only (NODE_ENV=test): freeze between COMMIT and publish on a change whose key starts with this. */
  testHaltBeforePublish: string | null;
  /** Anonymous readers' pages kept until the next change of the stream (apps/web/src/page-cache.ts). */
  ssrCache: boolean;
  /** Signs access tokens; null means "generate one and keep it in the database". */
  jwtSecret: string | null;
  /** Lifetime of an access token, in seconds. */
  jwtTtlSeconds: number;
  /** Longest a SIGTERM may take before open connections are cut and the process exits. */
  shutdownTimeoutMs: number;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: LogLevelName;
  /** `auto`: pretty on a terminal outside production, JSON otherwise. */
  logFormat: LogFormat;
  /** Rate limits per client address: one window, and how many logins/registrations and other writes fit in it (0: no limit). */
  throttle: { ttlSeconds: number; authLimit: number; writeLimit: number };
  /** Failed logins per account (lower-cased email) that fit in a window, from any address (0: no limit). */
  loginFailures: { limit: number; windowSeconds: number };
}

/** The AppConfig of a validated environment; relative folders are resolved against `cwd`. */
export function toAppConfig(env: Environment, cwd: string): AppConfig {
  return {
    port: env.PORT,
    dataDir: resolve(cwd, env.DATA_DIR),
    databaseUrl: env.DATABASE_URL ?? null,
    databaseSchema: env.DATABASE_SCHEMA ?? null,
    allowedOrigins: splitList(env.ALLOWED_ORIGINS ?? ''),
    publicUrl: env.PUBLIC_URL ?? null,
    allowedHosts: splitList(env.NG_ALLOWED_HOSTS ?? '').map((host) => host.toLowerCase()),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    metrics: { port: env.METRICS_PORT, host: env.METRICS_HOST },
    wsPingIntervalMs: env.WS_PING_INTERVAL_MS,
    wsMaxFramesPerSecond: env.WS_MAX_FRAMES_PER_SECOND,
    wsMaxSocketsPerAddress: env.WS_MAX_SOCKETS_PER_ADDRESS,
    webDistDir: resolve(cwd, env.WEB_DIST_DIR),
    redisUrl: env.REDIS_URL ?? null,
    redisChannel: env.REDIS_CHANNEL,
    streamPollIntervalMs: env.STREAM_POLL_INTERVAL_MS,
    streamRetentionHours: env.STREAM_RETENTION_HOURS,
    streamRetentionMaxChanges: env.STREAM_RETENTION_MAX_CHANGES,
    streamRetentionPruneIntervalMs: env.STREAM_RETENTION_PRUNE_INTERVAL_MS,
    wsMaxBufferedBytes: env.WS_MAX_BUFFERED_BYTES,
    streamCommitOrderLock: env.STREAM_COMMIT_ORDER_LOCK,
    testHaltBeforePublish: env.TEST_HALT_BEFORE_PUBLISH ?? null,
    ssrCache: env.SSR_CACHE,
    jwtSecret: env.JWT_SECRET ?? null,
    jwtTtlSeconds: env.JWT_TTL_SECONDS,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    throttle: { ttlSeconds: env.THROTTLE_TTL_SECONDS, authLimit: env.THROTTLE_AUTH_LIMIT, writeLimit: env.THROTTLE_WRITE_LIMIT },
    loginFailures: { limit: env.LOGIN_FAILURE_LIMIT, windowSeconds: env.LOGIN_FAILURE_WINDOW_SECONDS },
  };
}

/**
 * The config of an explicit environment, synchronously: what tests use to start apps. The process
 * itself reads its environment (and `.env`) through @nestjs/config: see app-config.loader.ts.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  return toAppConfig(validateEnvironment(env), cwd);
}
