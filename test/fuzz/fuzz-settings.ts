import type { Parameters } from 'fast-check';

/**
 * CI runs a fixed seed and a bounded count, so a red run replays exactly; a longer hunt sets
 * FUZZ_RUNS (a multiplier of every property's CI count would hide which property ran how much, so it
 * is the count of each) and FUZZ_SEED=random, and prints the seed to replay with.
 */
export interface FuzzSettings {
  seed: number;
  /** Runs of each property; undefined keeps the property's own CI count. */
  runs: number | undefined;
}

const CI_SEED = 20261201;

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
  const seedText = env.FUZZ_SEED?.trim();
  const seed = !seedText ? CI_SEED : seedText === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer or "random", not ${seedText}`);
  const runsText = env.FUZZ_RUNS?.trim();
  const runs = runsText ? Number(runsText) : undefined;
  if (runs !== undefined && !(Number.isSafeInteger(runs) && runs > 0)) throw new Error(`FUZZ_RUNS must be a positive integer, not ${runsText}`);
  return { seed, runs };
}

/** fast-check's parameters for one property: its CI count unless FUZZ_RUNS says otherwise. */
export function propertyParameters<T>(settings: FuzzSettings, ciRuns: number): Parameters<T> {
  return { seed: settings.seed, numRuns: settings.runs ?? ciRuns, verbose: 1 };
}
