import type { Metric, Registry } from 'prom-client';

/** A histogram counted elsewhere, as cumulative buckets with upper bounds in seconds. */
export interface CountedHistogram {
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly count: number;
  readonly sumSeconds: number;
}

/**
 * Exposes a histogram that something else counts (the live library counts fan-out times itself, so
 * that metrics set no hook on delivery): prom-client's Histogram can only be observed, not set, so
 * this is a metric of its own that reads the counts at scrape time.
 */
export function registerCountedHistogram(registry: Registry, name: string, help: string, read: () => CountedHistogram): void {
  const get = () => {
    const { buckets, count, sumSeconds } = read();
    return {
      name,
      help,
      type: 'histogram',
      aggregator: 'sum',
      values: [
        ...buckets.map(({ le, count: inBucket }) => ({ metricName: `${name}_bucket`, labels: { le: le === Infinity ? '+Inf' : le }, value: inBucket })),
        { metricName: `${name}_sum`, labels: {}, value: sumSeconds },
        { metricName: `${name}_count`, labels: {}, value: count },
      ],
    };
  };
  registry.registerMetric({ name, help, type: 'histogram', aggregator: 'sum', get } as unknown as Metric);
}
