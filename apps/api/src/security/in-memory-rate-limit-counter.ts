import type { OnModuleDestroy } from '@nestjs/common';
import { RateLimitCounter, type WindowCount } from './rate-limit-counter';

interface Window {
  hits: number;
  endsAt: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/** The counters of one instance (no REDIS_URL, or while Redis is away). */
export class InMemoryRateLimitCounter extends RateLimitCounter implements OnModuleDestroy {
  private readonly windows = new Map<string, Window>();
  // Ended windows are dropped in bulk, so that a stream of one-off addresses cannot grow the map.
  private readonly sweeper = setInterval(() => this.sweep(Date.now()), SWEEP_INTERVAL_MS).unref();

  async hit(key: string, windowMs: number): Promise<WindowCount> {
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.endsAt <= now) {
      window = { hits: 0, endsAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.hits += 1;
    return { hits: window.hits, msLeft: window.endsAt - now };
  }

  async peek(key: string): Promise<WindowCount> {
    const now = Date.now();
    const window = this.windows.get(key);
    return window && window.endsAt > now ? { hits: window.hits, msLeft: window.endsAt - now } : { hits: 0, msLeft: 0 };
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }
}
