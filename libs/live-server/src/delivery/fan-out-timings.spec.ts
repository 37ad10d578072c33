import { FanOutTimings } from './fan-out-timings';

describe('FanOutTimings', () => {
  it('counts each fan-out in every bucket at or above its time, and sums the times', () => {
    const timings = new FanOutTimings();
    timings.record(0.00004);
    timings.record(0.0003);
    timings.record(0.0005);
    timings.record(2);
    const { buckets, count, sumSeconds } = timings.histogram();
    const at = (le: number) => buckets.find((bucket) => bucket.le === le)?.count;
    expect(at(0.00005)).toBe(1);
    expect(at(0.00025)).toBe(1);
    expect(at(0.0005)).toBe(3);
    expect(at(0.1)).toBe(3);
    expect(at(Infinity)).toBe(4);
    expect(count).toBe(4);
    expect(sumSeconds).toBeCloseTo(2.00084);
  });
});
