import { Logger, type OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { LogThrottle } from '@conduit/live-server';
import { InMemoryRateLimitCounter } from './in-memory-rate-limit-counter';
import { RateLimitCounter, type WindowCount } from './rate-limit-counter';

// One round trip, atomic: the first hit of a window sets its expiry. A key left without one
// (PTTL -1, e.g. written by hand) gets the window again rather than counting forever.
const HIT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}`;

const PEEK = `
local hits = redis.call('GET', KEYS[1])
if not hits then return {0, 0} end
return {tonumber(hits), math.max(redis.call('PTTL', KEYS[1]), 0)}`;

interface CounterCommands {
  rateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
  rateLimitPeek(key: string): Promise<[number, number]>;
}

/**
 * The counters of a deployment, shared by its instances through Redis under `<prefix>:rate:`. While
 * Redis is away each instance counts on its own (a warning says so) rather than failing requests or
 * letting everything through.
 */
export class RedisRateLimitCounter extends RateLimitCounter implements OnModuleDestroy {
  private readonly logger = new Logger(RedisRateLimitCounter.name);
  private readonly warnings = new LogThrottle(this.logger);
  private readonly redis: Redis & CounterCommands;
  private readonly fallback = new InMemoryRateLimitCounter();

  constructor(url: string, private readonly prefix: string) {
    super();
    this.redis = new Redis(url, {
      connectionName: 'conduit-rate-limits',
      // Fail fast while disconnected: the fallback counts meanwhile.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    }) as Redis & CounterCommands;
    this.redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT });
    this.redis.defineCommand('rateLimitPeek', { numberOfKeys: 1, lua: PEEK });
    this.redis.on('error', () => undefined);
  }

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    try {
      const [hits, msLeft] = await this.redis.rateLimitHit(this.key(key), windowMs);
      return { hits, msLeft };
    } catch (error) {
      this.warnings.warn('redis', `rate limits counted per instance: redis failed (${String(error)})`);
      return this.fallback.hit(key, windowMs);
    }
  }

  async peek(key: string): Promise<WindowCount> {
    try {
      const [hits, msLeft] = await this.redis.rateLimitPeek(this.key(key));
      return { hits, msLeft };
    } catch (error) {
      this.warnings.warn('redis', `rate limits counted per instance: redis failed (${String(error)})`);
      return this.fallback.peek(key);
    }
  }

  onModuleDestroy(): void {
    this.fallback.onModuleDestroy();
    this.redis.disconnect();
  }

  private key(key: string): string {
    return `${this.prefix}:rate:${key}`;
  }
}
