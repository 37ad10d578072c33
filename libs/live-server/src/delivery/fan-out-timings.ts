/** Upper bounds, in seconds, of the fan-out time buckets: from one socket's worth to a crowd's. */
const BUCKET_BOUNDS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1];

/** How long handing changes to their subscribers took, as a cumulative histogram. */
export interface FanOutHistogram {
  /** For each upper bound in seconds, how many fan-outs took at most that long; the last is +Infinity, every one. */
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly count: number;
  readonly sumSeconds: number;
}

/**
 * The time it took to hand each change to every subscription of its topic, kept here rather than
 * reported to an observer, so that whoever reads it (metrics) cannot slow or break delivery. Only
 * changes that had subscribers count: two clock reads per change, nothing per socket.
 */
export class FanOutTimings {
  private readonly counts = new Array<number>(BUCKET_BOUNDS.length + 1).fill(0);
  private count = 0;
  private sumSeconds = 0;

  record(seconds: number): void {
    let bucket = 0;
    while (bucket < BUCKET_BOUNDS.length && seconds > BUCKET_BOUNDS[bucket]) bucket += 1;
    this.counts[bucket] += 1;
    this.count += 1;
    this.sumSeconds += seconds;
  }

  histogram(): FanOutHistogram {
    let cumulative = 0;
    const buckets = [...BUCKET_BOUNDS, Infinity].map((le, bucket) => ({ le, count: (cumulative += this.counts[bucket]) }));
    return { buckets, count: this.count, sumSeconds: this.sumSeconds };
  }
}
