import { backoffDelay, restartRetryDelay } from './backoff';

describe('backoffDelay', () => {
  const middle = () => 0.5;

  it('starts at about half a second and doubles on each attempt', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, {}, middle))).toEqual([500, 1000, 2000, 4000]);
  });

  it('never exceeds the cap, jitter included', () => {
    expect(backoffDelay(6, {}, middle)).toBe(30_000);
    expect(backoffDelay(100, {}, () => 0.999)).toBe(30_000);
    expect(backoffDelay(5000, { initialMs: 10, maxMs: 80 }, () => 0.999)).toBe(80);
  });

  it('spreads retries by ±25 % around the nominal delay', () => {
    expect(backoffDelay(0, {}, () => 0)).toBe(375);
    expect(backoffDelay(0, {}, () => 1)).toBe(625);
  });
});

describe('restartRetryDelay (after a 1001 close)', () => {
  it('retries at once, spread over at most 250 ms', () => {
    expect(restartRetryDelay(0, () => 0)).toBe(0);
    expect(restartRetryDelay(0, () => 0.999)).toBeLessThan(250);
  });

  it('retries again every 0.5 to 1 s, always under a second', () => {
    for (const attempt of [1, 2, 10, 1000]) {
      expect(restartRetryDelay(attempt, () => 0)).toBe(500);
      expect(restartRetryDelay(attempt, () => 0.9999)).toBe(999);
    }
  });
});
