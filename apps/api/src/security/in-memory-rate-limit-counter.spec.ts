import { InMemoryRateLimitCounter } from './in-memory-rate-limit-counter';

describe('InMemoryRateLimitCounter', () => {
  let counter: InMemoryRateLimitCounter;
  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    counter = new InMemoryRateLimitCounter();
  });
  afterEach(() => {
    counter.onModuleDestroy();
    jest.useRealTimers();
  });

  it('counts the hits of a key within the window its first hit opened, and starts again after it', async () => {
    await expect(counter.hit('a', 1000)).resolves.toEqual({ hits: 1, msLeft: 1000 });
    jest.advanceTimersByTime(400);
    await expect(counter.hit('a', 1000)).resolves.toEqual({ hits: 2, msLeft: 600 });
    await expect(counter.peek('a')).resolves.toEqual({ hits: 2, msLeft: 600 });
    jest.advanceTimersByTime(600);
    await expect(counter.peek('a')).resolves.toEqual({ hits: 0, msLeft: 0 });
    await expect(counter.hit('a', 1000)).resolves.toEqual({ hits: 1, msLeft: 1000 });
  });

  it('keeps keys apart, and peeking counts nothing', async () => {
    await counter.hit('a', 1000);
    await expect(counter.peek('b')).resolves.toEqual({ hits: 0, msLeft: 0 });
    await expect(counter.peek('b')).resolves.toEqual({ hits: 0, msLeft: 0 });
    await expect(counter.hit('b', 1000)).resolves.toEqual({ hits: 1, msLeft: 1000 });
  });
});
