import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, HttpAdapterHost } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LiveModule } from '@conduit/live-server';
import { ArticlesModule } from './articles/articles.module';
import { AuthTokenService } from './auth/auth-token.service';
import { AuthModule } from './auth/auth.module';
import { CommentsModule } from './comments/comments.module';
import { socketUser } from './auth/socket-user';
import { RealWorldExceptionFilter } from './common/realworld-exception.filter';
import { createValidationPipe } from './common/realworld-validation.pipe';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/app-config.token';
import { databaseOptions, type DatabaseOverrides } from './database/database-options';
import { openDataSource } from './database/open-data-source';
import { clientAddressOf } from './edge/client-address';
import { HealthModule } from './health/health.module';
import { LiveEventsModule } from './live/live-events.module';
import { LoggingModule } from './logging/logging.module';
import type { LogLevelName } from './config/config-schema';
import { MetricsModule } from './metrics/metrics.module';
import { RateLimitGuard } from './security/rate-limit.guard';
import { CounterThrottlerStorage } from './security/counter-throttler-storage';
import { RateLimitCounter } from './security/rate-limit-counter';
import { RateLimitModule } from './security/rate-limit.module';
import { rateLimits } from './security/rate-limits';
import { PageFormsModule } from './page-forms/page-forms.module';
import { ProfilesModule } from './profiles/profiles.module';
import { SessionModule } from './session/session.module';
import { TagsModule } from './tags/tags.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logLevel: LogLevelName = config.logLevel, database: DatabaseOverrides = {}): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggingModule.forRoot(config, logLevel),
        RateLimitModule,
        ThrottlerModule.forRootAsync({
          imports: [RateLimitModule],
          inject: [RateLimitCounter],
          useFactory: (counter: RateLimitCounter) => ({ ...rateLimits(config), storage: new CounterThrottlerStorage(counter) }),
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => databaseOptions(config, database),
          dataSourceFactory: (options) => openDataSource(options!),
        }),
        // Features register their topics with LiveTopics (see articles/article-topics.ts).
        LiveModule.forRootAsync({
          inject: [AuthTokenService, HttpAdapterHost],
          useFactory: (tokens: AuthTokenService, http: HttpAdapterHost) => ({
            redis: config.redisUrl ? { url: config.redisUrl, channel: config.redisChannel } : undefined,
            authenticate: async (token: string) => socketUser(await tokens.check(token)),
            clientAddress: clientAddressOf(http),
            allowedOrigins: config.allowedOrigins,
            pingIntervalMs: config.wsPingIntervalMs,
            maxFramesPerSecond: config.wsMaxFramesPerSecond,
            maxSocketsPerAddress: config.wsMaxSocketsPerAddress,
            pollIntervalMs: config.streamPollIntervalMs,
            retentionMs: config.streamRetentionHours * 3600 * 1000,
            retentionMaxChanges: config.streamRetentionMaxChanges,
            pruneIntervalMs: config.streamRetentionPruneIntervalMs,
            maxBufferedBytes: config.wsMaxBufferedBytes,
            commitOrderLock: config.streamCommitOrderLock,
            haltBeforePublish: config.testHaltBeforePublish,
          }),
        }),
        AuthModule,
        UsersModule,
        SessionModule,
        ProfilesModule,
        ArticlesModule,
        CommentsModule,
        TagsModule,
        PageFormsModule,
        HealthModule,
        LiveEventsModule,
        MetricsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: RealWorldExceptionFilter },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
      exports: [APP_CONFIG],
    };
  }
}
