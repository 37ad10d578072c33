import { loadConfig } from './app-config';
import { ConfigError } from './config-error';
import { CONFIG_SCHEMA } from './config-schema';
import { readSettings } from './read-settings';

function problemsOf(env: Record<string, string>): string[] {
  try {
    readSettings(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readSettings', () => {
  it('needs no variable at all: the embedded default', () => {
    const config = loadConfig({}, '/srv/conduit');
    expect(config).toMatchObject({
      port: 3000,
      dataDir: '/srv/conduit/data',
      databaseUrl: null,
      databaseSchema: null,
      allowedOrigins: [],
      wsPingIntervalMs: 30_000,
      wsMaxFramesPerSecond: 50,
      wsMaxSocketsPerAddress: 256,
      webDistDir: '/srv/conduit/dist/web',
      redisUrl: null,
      redisChannel: 'conduit:changes',
      streamPollIntervalMs: 1000,
      streamRetentionHours: 168,
      streamRetentionMaxChanges: 1_000_000,
      wsMaxBufferedBytes: 4 * 1024 * 1024,
      streamCommitOrderLock: true,
      jwtSecret: null,
      jwtTtlSeconds: 604_800,
      shutdownTimeoutMs: 10_000,
      logLevel: 'info',
      logFormat: 'auto',
      throttle: { ttlSeconds: 60, authLimit: 300, writeLimit: 3000 },
    });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', STREAM_COMMIT_ORDER_LOCK: '' }).port).toBe(3000);
    const allEmpty = Object.fromEntries(Object.keys(CONFIG_SCHEMA).map((name) => [name, '']));
    expect(loadConfig(allEmpty, '/app')).toEqual(loadConfig({}, '/app'));
  });

  it('accepts the URLs it names, credentials included, and ignores variables it does not know', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://u:hunter2@db:5432/conduit', REDIS_URL: 'rediss://:secret@cache:6380', UNKNOWN_SETTING: 'x' }),
    ).toMatchObject({ databaseUrl: 'postgresql://u:hunter2@db:5432/conduit', redisUrl: 'rediss://:secret@cache:6380' });
  });

  it('takes the bounds of an integer as they are', () => {
    expect(loadConfig({ PORT: '0', METRICS_PORT: '65535', WS_MAX_SOCKETS_PER_ADDRESS: '1000000' })).toMatchObject({
      port: 0,
      metrics: { port: 65535 },
      wsMaxSocketsPerAddress: 1_000_000,
    });
  });

  it('converts integers, booleans and lists', () => {
    const config = loadConfig({
      PORT: '8080',
      STREAM_COMMIT_ORDER_LOCK: '0',
      ALLOWED_ORIGINS: 'https://a.example, https://b.example:8443',
      DATABASE_URL: 'postgres://u:p@db:5432/conduit',
      DATABASE_SCHEMA: 'tenant_1',
      THROTTLE_AUTH_LIMIT: '0',
    });
    expect(config).toMatchObject({
      port: 8080,
      streamCommitOrderLock: false,
      allowedOrigins: ['https://a.example', 'https://b.example:8443'],
      databaseUrl: 'postgres://u:p@db:5432/conduit',
      databaseSchema: 'tenant_1',
      throttle: { authLimit: 0 },
    });
  });

  it.each([
    ['PORT', 'eighty', 'PORT must be an integer from 0 to 65535, got "eighty"'],
    ['PORT', '70000', 'PORT must be an integer from 0 to 65535, got "70000"'],
    ['WS_MAX_FRAMES_PER_SECOND', '1.5', 'WS_MAX_FRAMES_PER_SECOND must be an integer from 1 to 100000, got "1.5"'],
    ['WS_MAX_SOCKETS_PER_ADDRESS', '-1', 'WS_MAX_SOCKETS_PER_ADDRESS must be an integer from 0 to 1000000, got "-1"'],
    ['STREAM_COMMIT_ORDER_LOCK', 'yes', 'STREAM_COMMIT_ORDER_LOCK must be true or false, got "yes"'],
    ['DATABASE_URL', 'mysql://db/conduit', 'DATABASE_URL must be a postgres:// URL'],
    ['DATABASE_URL', 'not a url', 'DATABASE_URL must be a postgres:// URL'],
    ['REDIS_URL', 'http://cache', 'REDIS_URL must be a redis:// URL'],
    ['DATABASE_SCHEMA', 'x; drop', 'DATABASE_SCHEMA must be a plain SQL identifier, got "x; drop"'],
    ['ALLOWED_ORIGINS', 'https://a.example/path', 'ALLOWED_ORIGINS must be a comma-separated list of origins like https://example.com, got "https://a.example/path"'],
    ['JWT_SECRET', 'short', 'JWT_SECRET must be at least 32 characters long'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    ['NODE_ENV', 'staging', 'NODE_ENV must be development, production or test, got "staging"'],
    ['PUBLIC_URL', 'https://conduit.example/app', 'PUBLIC_URL must be an http(s) origin like https://conduit.example, got "https://conduit.example/app"'],
    ['PUBLIC_URL', 'ftp://conduit.example', 'PUBLIC_URL must be an http(s) origin like https://conduit.example, got "ftp://conduit.example"'],
    ['NG_ALLOWED_HOSTS', 'a.example,evil@b.example', 'NG_ALLOWED_HOSTS must be a comma-separated list of host names like conduit.example or *.conduit.example, got "a.example,evil@b.example"'],
    ['TRUST_PROXY', 'yes', 'TRUST_PROXY must be false, true, a hop count, or a comma-separated list of addresses and CIDR ranges, got "yes"'],
    ['TRUST_PROXY', '10.0.0.0/33', 'TRUST_PROXY must be false, true, a hop count, or a comma-separated list of addresses and CIDR ranges, got "10.0.0.0/33"'],
    ['METRICS_HOST', 'a b', 'METRICS_HOST must be an IP address or a host name, got "a b"'],
    ['PORT', '-1', 'PORT must be an integer from 0 to 65535, got "-1"'],
    ['PORT', '80.0', 'PORT must be an integer from 0 to 65535, got "80.0"'],
    ['PORT', '1e3', 'PORT must be an integer from 0 to 65535, got "1e3"'],
    ['PORT', '0x50', 'PORT must be an integer from 0 to 65535, got "0x50"'],
    ['PORT', ' 80', 'PORT must be an integer from 0 to 65535, got " 80"'],
    ['WS_MAX_BUFFERED_BYTES', '99999999999999999999', 'WS_MAX_BUFFERED_BYTES must be an integer from 65536 to 1073741824, got "99999999999999999999"'],
    ['JWT_TTL_SECONDS', 'Infinity', 'JWT_TTL_SECONDS must be an integer from 60 to 31536000, got "Infinity"'],
    ['SSR_CACHE', 'TRUE', 'SSR_CACHE must be true or false, got "TRUE"'],
    ['LOG_LEVEL', 'INFO', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "INFO"'],
    ['LOG_FORMAT', 'xml', 'LOG_FORMAT must be one of auto, json, pretty, got "xml"'],
    ['DATABASE_URL', 'file:///etc/passwd', 'DATABASE_URL must be a postgres:// URL'],
    ['DATABASE_URL', 'http://user:hunter2@db/conduit', 'DATABASE_URL must be a postgres:// URL'],
    ['REDIS_URL', 'javascript:alert(1)', 'REDIS_URL must be a redis:// URL'],
    ['PUBLIC_URL', 'https://user:pw@conduit.example', 'PUBLIC_URL must be an http(s) origin like https://conduit.example, got "https://user:pw@conduit.example"'],
    ['PUBLIC_URL', 'javascript:alert(1)', 'PUBLIC_URL must be an http(s) origin like https://conduit.example, got "javascript:alert(1)"'],
    ['ALLOWED_ORIGINS', 'null', 'ALLOWED_ORIGINS must be a comma-separated list of origins like https://example.com, got "null"'],
    ['JWT_SECRET', 'x'.repeat(31), 'JWT_SECRET must be at least 32 characters long'],
  ])('refuses a bad %s (%s) with a message naming it', (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it.each(['production', 'development', undefined])('refuses the test-only TEST_HALT_BEFORE_PUBLISH under NODE_ENV=%s', (nodeEnv) => {
    expect(problemsOf({ ...(nodeEnv && { NODE_ENV: nodeEnv }), TEST_HALT_BEFORE_PUBLISH: 'halt-here' })).toEqual([
      'TEST_HALT_BEFORE_PUBLISH is a test-only fault injection and is refused unless NODE_ENV=test',
    ]);
  });

  it('refuses TEST_HALT_BEFORE_PUBLISH beside a NODE_ENV that is not valid', () => {
    expect(problemsOf({ NODE_ENV: 'tests', TEST_HALT_BEFORE_PUBLISH: 'halt-here' })).toEqual([
      'NODE_ENV must be development, production or test, got "tests"',
      'TEST_HALT_BEFORE_PUBLISH is a test-only fault injection and is refused unless NODE_ENV=test',
    ]);
  });

  it('accepts TEST_HALT_BEFORE_PUBLISH under NODE_ENV=test, and leaves it off otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test', TEST_HALT_BEFORE_PUBLISH: 'halt-here' }).testHaltBeforePublish).toBe('halt-here');
    expect(loadConfig({ NODE_ENV: 'production' }).testHaltBeforePublish).toBeNull();
  });

  it('reads the edge settings: public URL, allowed hosts, trust proxy and the metrics listener', () => {
    expect(loadConfig({})).toMatchObject({ publicUrl: null, allowedHosts: [], trustProxy: false, metrics: { port: 9464, host: '127.0.0.1' } });
    expect(
      loadConfig({ PUBLIC_URL: 'https://conduit.example', NG_ALLOWED_HOSTS: 'WWW.conduit.example, *.conduit.example', TRUST_PROXY: '2', METRICS_PORT: '0', METRICS_HOST: '::' }),
    ).toMatchObject({ publicUrl: 'https://conduit.example', allowedHosts: ['www.conduit.example', '*.conduit.example'], trustProxy: 2, metrics: { port: 0, host: '::' } });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, 192.168.1.7, fd00::/8' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('reports every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', JWT_TTL_SECONDS: '1' })).toThrow(
      new ConfigError(['PORT must be an integer from 0 to 65535, got "x"', 'JWT_TTL_SECONDS must be an integer from 60 to 31536000, got "1"']),
    );
  });

  it('never puts a database password in a message', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://user:hunter2@db/conduit' }).join()).not.toContain('hunter2');
  });
});
