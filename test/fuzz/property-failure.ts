import fc from 'fast-check';
import type { FuzzSettings } from './fuzz-settings';
import { propertyParameters } from './fuzz-settings';

/**
 * Runs one property and returns its shrunk counterexample as a readable message, or undefined when
 * it held. A suite that drives many routes collects these instead of stopping at the first, so that
 * one run shows every route that fails.
 */
export async function propertyFailure<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  holds: (value: T) => Promise<void>,
  settings: FuzzSettings,
  ciRuns: number,
  describe: (value: T) => string,
): Promise<string | undefined> {
  const details = await fc.check(fc.asyncProperty(arbitrary, holds), propertyParameters(settings, ciRuns));
  if (!details.failed) return undefined;
  const [counterexample] = details.counterexample ?? [];
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [
    `${name}: ${error.slice(0, 3000)}`,
    counterexample === undefined ? '(no counterexample)' : describe(counterexample).slice(0, 3000),
    `replay: FUZZ_SEED=${details.seed} (fast-check path ${details.counterexamplePath}, after ${details.numRuns} runs and ${details.numShrinks} shrinks)`,
  ].join('\n');
}
