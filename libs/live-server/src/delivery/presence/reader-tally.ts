import { MAX_PRESENCE_NAMES } from '@conduit/contract';

/** The readers of one topic: on one instance, or on all of them merged. */
export interface ReaderTally {
  readers: number;
  /** Distinct, sorted, at most MAX_PRESENCE_NAMES. */
  names: string[];
}

export const NO_READERS: ReaderTally = { readers: 0, names: [] };

/** The first MAX_PRESENCE_NAMES of the distinct names, sorted so every instance picks the same ones. */
export function shownNames(names: Iterable<string | null>): string[] {
  const distinct = new Set<string>();
  for (const name of names) if (name !== null) distinct.add(name);
  return [...distinct].sort().slice(0, MAX_PRESENCE_NAMES);
}

/**
 * The readers of a topic on every instance. Each instance keeps only its first names, which is
 * enough: the first names of the union are among the first names of each part.
 */
export function mergeTallies(tallies: readonly ReaderTally[]): ReaderTally {
  return { readers: tallies.reduce((sum, tally) => sum + tally.readers, 0), names: shownNames(tallies.flatMap((tally) => tally.names)) };
}

export function sameTally(a: ReaderTally, b: ReaderTally): boolean {
  return a.readers === b.readers && a.names.length === b.names.length && a.names.every((name, index) => name === b.names[index]);
}

/** A tally read back from another instance, or null when it is not one (never trust what came over the wire). */
export function parseTally(text: string): ReaderTally | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { readers, names } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(readers) || (readers as number) < 0) return null;
  if (!Array.isArray(names) || !names.every((name) => typeof name === 'string')) return null;
  return { readers: readers as number, names: shownNames(names as string[]) };
}
