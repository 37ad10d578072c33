import { setting, type SettingValue } from './setting';
import { boolean, hostList, httpOrigin, integer, listenHost, matching, oneOf, originList, secretOfAtLeast, text, trustProxy, url } from './setting-kinds';

const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];
const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

/**
 * Every environment variable the API reads: the one place that says its kind, bounds, default and
 * meaning. From it come the typed config (app-config.ts), the start-up errors (read-settings.ts),
 * `.env.example` and the README's table (config-docs.ts, `npm run config:docs`). Start-up reports bad
 * variables in this order.
 */
export const CONFIG_SCHEMA = {
  NODE_ENV: setting(oneOf(NODE_ENVS, 'development, production or test'), {
    default: 'development',
    description: '`development`, `production` or `test`; `production` makes logs JSON even on a terminal',
  }),
  PORT: setting(integer(0, 65535), { default: 3000, description: 'port of pages, `/api` and `/ws`' }),
  DATA_DIR: setting(text, { default: './data', description: 'folder of the SQLite database (created 0700; the database files are kept 0600)' }),
  DATABASE_URL: setting(url('postgres:', 'postgresql:'), { description: '`postgres://user:password@host:5432/db` switches from SQLite to PostgreSQL (12 or newer)' }),
  DATABASE_SCHEMA: setting(matching(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a plain SQL identifier'), {
    whenUnset: "the connection's (`public`)",
    description: 'Postgres schema (tests give each run its own)',
  }),
  ALLOWED_ORIGINS: setting(originList, {
    default: [],
    description: "comma-separated origins, besides the app's own, that may open `/ws` and call `/api` from a browser (CORS)",
  }),
  PUBLIC_URL: setting(httpOrigin, {
    description:
      'the origin readers use, e.g. `https://conduit.example`: its host is served besides `localhost`, `127.0.0.1` and `[::1]`; any other `Host` gets 400',
  }),
  NG_ALLOWED_HOSTS: setting(hostList, {
    default: [],
    description: 'comma-separated host names also served, e.g. `www.conduit.example` or `*.conduit.example`',
  }),
  TRUST_PROXY: setting(trustProxy, {
    default: false,
    description:
      "which peers may set the client address, protocol and host with `X-Forwarded-For`/`-Proto`/`-Host` (Express's `trust proxy`): `false`, `true`, a hop count, or addresses and CIDR ranges (`loopback`, `10.0.0.0/8`)",
  }),
  METRICS_PORT: setting(integer(0, 65535), {
    default: 9464,
    description: 'port of the Prometheus `/metrics` listener, apart from `PORT`; `0` turns it off',
  }),
  METRICS_HOST: setting(listenHost, {
    default: '127.0.0.1',
    description: 'address of the metrics listener (`0.0.0.0` for a scraper on another machine)',
  }),
  WS_PING_INTERVAL_MS: setting(integer(1_000, 3_600_000), { default: 30_000, description: 'server ping period; two missed pongs terminate a socket' }),
  WS_MAX_FRAMES_PER_SECOND: setting(integer(1, 100_000), { default: 50, description: 'a client sending faster is closed with 1008' }),
  WS_MAX_SOCKETS_PER_ADDRESS: setting(integer(0, 1_000_000), {
    default: 256,
    description: 'sockets and `/api/live` event streams one client address may hold open; more are refused with HTTP 429 (`0`: no limit)',
  }),
  WEB_DIST_DIR: setting(text, { default: './dist/web', description: 'the Angular build to serve pages from' }),
  REDIS_URL: setting(url('redis:', 'rediss:'), { description: '`redis://host:6379`: several API instances share live changes through Redis' }),
  REDIS_CHANNEL: setting(text, { default: 'conduit:changes', description: 'namespace of the Redis keys and pub/sub channels (the change bus is `<ns>:changes:v2`); the instances of one deployment share it' }),
  STREAM_POLL_INTERVAL_MS: setting(integer(50, 60_000), {
    default: 1000,
    description: 'how often an instance checks the store for changes no bus message announced',
  }),
  STREAM_RETENTION_HOURS: setting(integer(1, 24 * 365), { default: 7 * 24, description: 'hours changes are kept for resuming clients…' }),
  STREAM_RETENTION_MAX_CHANGES: setting(integer(1_000, 1_000_000_000), {
    default: 1_000_000,
    description: '…and at most this many; an older cursor gets `reset`',
  }),
  STREAM_RETENTION_PRUNE_INTERVAL_MS: setting(integer(100, 3_600_000), {
    default: 60_000,
    description: 'how often each instance prunes what retention no longer keeps',
  }),
  WS_MAX_BUFFERED_BYTES: setting(integer(64 * 1024, 1024 * 1024 * 1024), {
    default: 4 * 1024 * 1024,
    description: 'unsent bytes after which a socket is too slow and is closed with 1013',
  }),
  STREAM_COMMIT_ORDER_LOCK: setting(boolean, { default: true, description: 'commit-order lock on change writes; `false` only to measure its cost' }),
  TEST_HALT_BEFORE_PUBLISH: setting(text, {
    testOnly: 'a test-only fault injection',
    description:
      'test-only fault injection, refused unless `NODE_ENV=test`: the process freezes between the COMMIT and the publish of a change whose key starts with this, for a test to kill it there',
  }),
  SSR_CACHE: setting(boolean, {
    default: true,
    description: 'cache server-rendered pages for anonymous readers, emptied by every committed change',
  }),
  SSR_WORKERS: setting(integer(0, 256), {
    whenUnset: 'one per core, at most 4',
    description:
      'worker threads that render pages, each with its own copy of the Angular server bundle and heap (about 120 MB of memory each under load); `0` renders on the thread that serves `/api` and `/ws`',
  }),
  JWT_SECRET: setting(secretOfAtLeast(32), {
    whenUnset: 'generated',
    description:
      'signs tokens (32+ characters); by default generated once and kept in the database (`app_secret`), so every instance of a deployment shares it',
  }),
  JWT_TTL_SECONDS: setting(integer(60, 365 * 24 * 3600), { default: 7 * 24 * 3600, description: 'token lifetime, in seconds' }),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: setting(integer(1_000, 600_000), {
    default: 65_000,
    description:
      "how long an idle keep-alive connection stays open; longer than the idle timeout of the proxy in front (60 s for most), so a proxy never sends a request on a connection the server is closing (Node's own 5 s caused resets)",
  }),
  SHUTDOWN_TIMEOUT_MS: setting(integer(1_000, 600_000), {
    default: 10_000,
    description:
      'longest a SIGTERM may take: sockets are told 1001 and requests finish; past it, connections still open are cut and the process exits 0',
  }),
  LOG_LEVEL: setting(oneOf(LOG_LEVELS), { default: 'info', description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`' }),
  LOG_FORMAT: setting(oneOf(LOG_FORMATS), {
    default: 'auto',
    description: '`json`, `pretty`, or `auto`: pretty on a terminal outside production, JSON otherwise',
  }),
  THROTTLE_TTL_SECONDS: setting(integer(1, 3600), {
    default: 60,
    description: 'window of the rate limits below, per client address (counted in Redis with `REDIS_URL`, so the instances share them)',
  }),
  THROTTLE_AUTH_LIMIT: setting(integer(0, 1_000_000), { default: 300, description: 'logins and registrations per window (`0`: no limit)' }),
  THROTTLE_WRITE_LIMIT: setting(integer(0, 1_000_000), { default: 3000, description: 'other writes per window (`0`: no limit)' }),
  LOGIN_FAILURE_LIMIT: setting(integer(0, 1_000_000), {
    default: 10,
    description: 'failed logins per account (email, known or not) per window below, from any address; then 429 until the window ends (`0`: no limit)',
  }),
  LOGIN_FAILURE_WINDOW_SECONDS: setting(integer(1, 24 * 3600), { default: 15 * 60, description: 'window of `LOGIN_FAILURE_LIMIT`, in seconds' }),
};

export type SettingName = keyof typeof CONFIG_SCHEMA;

/** The validated value of every variable, typed by its kind. */
export type Settings = { [Name in SettingName]: SettingValue<(typeof CONFIG_SCHEMA)[Name]> };
