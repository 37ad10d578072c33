/**
 * Random choices that a seed replays: each named stream (a writer, the disconnects, a client's backoff)
 * draws from a generator of its own, so one stream's sequence does not depend on how the event loop
 * interleaved it with the others. Mulberry32 seeded with the seed and the stream's name (FNV-1a).
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number, stream: string) {
    let hash = 0x811c9dc5 ^ seed;
    for (const char of stream) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    this.state = hash >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  /** An integer in [0, below). */
  below(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.below(items.length)];
  }
}

/** `name` from the environment when set (an integer), else a fresh one; print it so that a failed run can be replayed. */
export function seedFrom(name: string, env: NodeJS.ProcessEnv = process.env): number {
  const text = env[name]?.trim();
  if (!text) return Math.floor(Math.random() * 2 ** 31);
  const seed = Number(text);
  if (!Number.isSafeInteger(seed)) throw new Error(`${name} must be an integer, not ${text}`);
  return seed;
}
