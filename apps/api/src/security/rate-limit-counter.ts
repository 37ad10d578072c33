/** How many hits a key has in its current window, and how long that window still runs. */
export interface WindowCount {
  hits: number;
  msLeft: number;
}

/**
 * Fixed-window counters behind every rate limit (per address and per account): a key's first hit
 * opens a window of `windowMs`, and the count starts again once it ends. In memory, or in Redis so
 * that every instance of a deployment counts together.
 */
export abstract class RateLimitCounter {
  /** Counts one hit, atomically (the increment and the window's expiry are one step). */
  abstract hit(key: string, windowMs: number): Promise<WindowCount>;
  /** The count so far, without counting. */
  abstract peek(key: string): Promise<WindowCount>;
}
