import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { AccountLoginLimit } from './account-login-limit';
import { InMemoryRateLimitCounter } from './in-memory-rate-limit-counter';
import { RateLimitCounter } from './rate-limit-counter';
import { RedisRateLimitCounter } from './redis-rate-limit-counter';

/** The counters every rate limit uses: in Redis when REDIS_URL is set (shared by the deployment), else in memory. */
@Global()
@Module({
  providers: [
    {
      provide: RateLimitCounter,
      inject: [APP_CONFIG],
      // Under the deployment's channel name, so that deployments (and test runs) sharing a Redis never count together.
      useFactory: (config: AppConfig) => (config.redisUrl ? new RedisRateLimitCounter(config.redisUrl, config.redisChannel) : new InMemoryRateLimitCounter()),
    },
    AccountLoginLimit,
  ],
  exports: [RateLimitCounter, AccountLoginLimit],
})
export class RateLimitModule {}
