import type { ThrottlerStorage } from '@nestjs/throttler';
import type { RateLimitCounter } from './rate-limit-counter';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * @nestjs/throttler's storage over our counters: a fixed window per key, over the limit until the
 * window ends (the window is the block: `blockDuration` is the throttler's default, the same TTL).
 */
export class CounterThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counter: RateLimitCounter) {}

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const { hits, msLeft } = await this.counter.hit(key, ttl);
    const timeToExpire = Math.max(1, Math.ceil(msLeft / 1000));
    const isBlocked = hits > limit;
    return { totalHits: hits, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToExpire : 0 };
  }
}
