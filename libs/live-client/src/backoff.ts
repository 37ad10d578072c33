export interface BackoffOptions {
  /** Nominal delay before the first retry. */
  initialMs?: number;
  /** Cap of the nominal delay, which doubles on every failed attempt. */
  maxMs?: number;
}

const DEFAULT_INITIAL_MS = 500;
const DEFAULT_MAX_MS = 30_000;

/**
 * Delay before retry number `attempt` (0 for the first): the nominal delay doubles from `initialMs` up to
 * `maxMs`, and ±25 % jitter spreads the reconnects of many clients after a server restart.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const initialMs = options.initialMs ?? DEFAULT_INITIAL_MS;
  const maxMs = options.maxMs ?? DEFAULT_MAX_MS;
  const nominal = Math.min(maxMs, initialMs * 2 ** Math.min(attempt, 52));
  return Math.round(Math.min(maxMs, nominal * (0.75 + random() * 0.5)));
}
