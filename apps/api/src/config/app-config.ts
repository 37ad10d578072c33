import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { readSettings } from './read-settings';
import type { Settings } from './config-schema';

/**
 * The config every module reads (APP_CONFIG), shaped from the validated settings: what each value
 * means is in config-schema.ts. Relative folders are resolved against `cwd`.
 */
export function toAppConfig(settings: Settings, cwd: string) {
  return {
    port: settings.PORT,
    /** Unused when `databaseUrl` is set. */
    dataDir: resolve(cwd, settings.DATA_DIR),
    databaseUrl: settings.DATABASE_URL,
    databaseSchema: settings.DATABASE_SCHEMA,
    allowedOrigins: settings.ALLOWED_ORIGINS,
    publicUrl: settings.PUBLIC_URL,
    allowedHosts: settings.NG_ALLOWED_HOSTS,
    trustProxy: settings.TRUST_PROXY,
    metrics: { port: settings.METRICS_PORT, host: settings.METRICS_HOST },
    wsPingIntervalMs: settings.WS_PING_INTERVAL_MS,
    wsMaxFramesPerSecond: settings.WS_MAX_FRAMES_PER_SECOND,
    wsMaxSocketsPerAddress: settings.WS_MAX_SOCKETS_PER_ADDRESS,
    /** Null (tests) serves the API alone. */
    webDistDir: resolve(cwd, settings.WEB_DIST_DIR) as string | null,
    redisUrl: settings.REDIS_URL,
    redisChannel: settings.REDIS_CHANNEL,
    streamPollIntervalMs: settings.STREAM_POLL_INTERVAL_MS,
    streamRetentionHours: settings.STREAM_RETENTION_HOURS,
    streamRetentionMaxChanges: settings.STREAM_RETENTION_MAX_CHANGES,
    streamRetentionPruneIntervalMs: settings.STREAM_RETENTION_PRUNE_INTERVAL_MS,
    wsMaxBufferedBytes: settings.WS_MAX_BUFFERED_BYTES,
    streamCommitOrderLock: settings.STREAM_COMMIT_ORDER_LOCK,
    testHaltBeforePublish: settings.TEST_HALT_BEFORE_PUBLISH,
    ssrCache: settings.SSR_CACHE,
    // Each worker holds its own heap (about 120 MB under load): a large host runs several instances instead.
    ssrWorkers: settings.SSR_WORKERS ?? Math.min(availableParallelism(), 4),
    /** Null: generated once and kept in the database (auth/jwt-secret.ts). */
    jwtSecret: settings.JWT_SECRET,
    jwtTtlSeconds: settings.JWT_TTL_SECONDS,
    httpKeepAliveTimeoutMs: settings.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_MS,
    nodeEnv: settings.NODE_ENV,
    logLevel: settings.LOG_LEVEL,
    logFormat: settings.LOG_FORMAT,
    throttle: { ttlSeconds: settings.THROTTLE_TTL_SECONDS, authLimit: settings.THROTTLE_AUTH_LIMIT, writeLimit: settings.THROTTLE_WRITE_LIMIT },
    loginFailures: { limit: settings.LOGIN_FAILURE_LIMIT, windowSeconds: settings.LOGIN_FAILURE_WINDOW_SECONDS },
  };
}

export type AppConfig = ReturnType<typeof toAppConfig>;

/**
 * The config of an explicit environment: what tests use to start apps. The process reads its own
 * environment and `.env` through app-config.loader.ts.
 */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): AppConfig {
  return toAppConfig(readSettings(env), cwd);
}
