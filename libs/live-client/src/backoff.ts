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

/** How long after a server said it was going away (1001) it is expected to listen again: a restart, a deploy. */
export const RESTART_WINDOW_MS = 30_000;
/** The first retry after a 1001 is spread over this much, so the readers of one server do not all arrive at once. */
export const RESTART_FIRST_RETRY_SPREAD_MS = 250;
/** Later retries in the restart window come every 0.5 to 1 s. */
export const RESTART_RETRY_MIN_MS = 500;
export const RESTART_RETRY_MAX_MS = 1_000;

/**
 * Delay before retry number `attempt` after the server said it was going away (1001). A restarting server
 * listens again within seconds, and what the reader waits for is the first retry after that moment: a
 * doubling wait would put it up to 16 s later. So the first retry goes at once, within the spread, and
 * the next ones every 0.5 to 1 s (jittered too), always under a second.
 */
export function restartRetryDelay(attempt: number, random: () => number = Math.random): number {
  if (attempt === 0) return Math.floor(random() * RESTART_FIRST_RETRY_SPREAD_MS);
  return Math.min(RESTART_RETRY_MAX_MS - 1, Math.round(RESTART_RETRY_MIN_MS + random() * (RESTART_RETRY_MAX_MS - RESTART_RETRY_MIN_MS)));
}
