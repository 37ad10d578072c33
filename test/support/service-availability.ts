/**
 * Suites that need a service (Postgres, a browser) skip loudly on a developer machine that lacks
 * it; under CI=true nothing may skip, so a missing service fails the run instead.
 */
export const isCi = process.env.CI === 'true';

export function requireOrSkip(service: string, available: boolean, why: string): boolean {
  if (available) return true;
  if (isCi) throw new Error(`${service} is required in CI but unavailable: ${why}`);
  process.stderr.write(`\n  !!! SKIPPING ${service} suites: ${why}\n\n`);
  return false;
}
