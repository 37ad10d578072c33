import { RESTART_WINDOW_MS, backoffDelay, restartRetryDelay, type BackoffOptions } from './backoff';

/**
 * When to retry a connection: exponential backoff with jitter after a failure, but retries under a second
 * for RESTART_WINDOW_MS after the server said it was going away, since it is then expected back within
 * seconds. Past that window, or once a connection works, the usual backoff applies again from its start.
 */
export class RetrySchedule {
  private failures = 0;
  private restartRetries = 0;
  /** Until when the server is expected back from a restart; null outside a restart window. */
  private restartUntil: number | null = null;

  constructor(
    private readonly options: BackoffOptions = {},
    private readonly random: () => number = Math.random,
    private readonly now: () => number = Date.now,
  ) {}

  /** The server closed with 1001 (restart or deploy): it will listen again soon. */
  serverGoingAway(): void {
    this.restartUntil = this.now() + RESTART_WINDOW_MS;
    this.restartRetries = 0;
    this.failures = 0;
  }

  /** A connection works again (or none is wanted): the next failure starts from the first step. */
  reset(): void {
    this.failures = 0;
    this.restartRetries = 0;
    this.restartUntil = null;
  }

  /** Milliseconds to wait before the next attempt; counts the attempt. */
  nextDelay(): number {
    if (this.restartUntil !== null && this.now() < this.restartUntil) return restartRetryDelay(this.restartRetries++, this.random);
    this.restartUntil = null;
    return backoffDelay(this.failures++, this.options, this.random);
  }
}
