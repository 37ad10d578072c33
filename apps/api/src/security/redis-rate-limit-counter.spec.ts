import { Logger } from '@nestjs/common';
import { RedisRateLimitCounter } from './redis-rate-limit-counter';

describe('RedisRateLimitCounter without a reachable Redis', () => {
  it('counts in memory meanwhile, with a warning, instead of failing or letting everything through', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    // Port 1: nothing listens, so every command fails at once (no offline queue).
    const counter = new RedisRateLimitCounter('redis://127.0.0.1:1', 'test');
    try {
      await expect(counter.hit('a', 60_000)).resolves.toMatchObject({ hits: 1 });
      await expect(counter.hit('a', 60_000)).resolves.toMatchObject({ hits: 2 });
      await expect(counter.peek('a')).resolves.toMatchObject({ hits: 2 });
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('rate limits counted per instance'));
    } finally {
      counter.onModuleDestroy();
      warn.mockRestore();
    }
  });
});
