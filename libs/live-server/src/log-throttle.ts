import type { LoggerService } from '@nestjs/common';

/**
 * Warnings that a crowd of clients can cause (bad frames, floods, slow readers, foreign origins)
 * are logged at most once per `windowMs` per kind; the next one after the window says how many
 * of that kind were left out, so a flood costs a few lines, not one per socket.
 */
export class LogThrottle {
  private readonly kinds = new Map<string, { until: number; suppressed: number }>();

  constructor(
    private readonly logger: Pick<LoggerService, 'warn'>,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  warn(kind: string, message: string): void {
    const time = this.now();
    const state = this.kinds.get(kind);
    if (state && time < state.until) {
      state.suppressed += 1;
      return;
    }
    const suppressed = state?.suppressed ?? 0;
    this.kinds.set(kind, { until: time + this.windowMs, suppressed: 0 });
    this.logger.warn(suppressed > 0 ? `${message} (and ${suppressed} more like it in the last ${this.windowMs / 1000} s)` : message);
  }
}
