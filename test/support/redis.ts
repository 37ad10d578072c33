import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/** The Redis the multi-instance suites use: TEST_REDIS_URL, or the local one. */
export const testRedisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const PROBE = `
const Redis = require('ioredis');
const redis = new Redis(process.argv[1], { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 3000 });
redis.connect().then(() => redis.ping()).then(
  () => { redis.disconnect(); process.exit(0); },
  (error) => { console.error(error.message); process.exit(1); });
`;

/** Why Redis cannot be used, or null when it can (synchronous, like postgresProblem). */
export function redisProblem(): string | null {
  const probe = spawnSync(process.execPath, ['-e', PROBE, testRedisUrl], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0 ? null : `${testRedisUrl}: ${(probe.stderr || probe.error?.message || 'no answer').trim()}`;
}

/** A channel of its own per suite, so that runs sharing one Redis never hear each other. */
export function uniqueChannel(): string {
  return `conduit-test:${process.pid}:${randomBytes(4).toString('hex')}`;
}
