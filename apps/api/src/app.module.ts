import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ARTICLES_TOPIC } from '@conduit/contract';
import { LiveModule } from '@conduit/live-server';
import { ArticlesModule } from './articles/articles.module';
import { AuthModule } from './auth/auth.module';
import { RealWorldExceptionFilter } from './common/realworld-exception.filter';
import { createValidationPipe } from './common/realworld-validation.pipe';
import type { AppConfig } from './config/app-config';
import { APP_CONFIG } from './config/app-config.token';
import { databaseOptions } from './database/database-options';
import { ProfilesModule } from './profiles/profiles.module';
import { TagsModule } from './tags/tags.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(databaseOptions(config)),
        LiveModule.forRoot({
          useFactory: () => ({
            topics: [ARTICLES_TOPIC],
            allowedOrigins: config.allowedOrigins,
            pingIntervalMs: config.wsPingIntervalMs,
            maxFramesPerSecond: config.wsMaxFramesPerSecond,
          }),
        }),
        AuthModule,
        UsersModule,
        ProfilesModule,
        ArticlesModule,
        TagsModule,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: RealWorldExceptionFilter },
      ],
      exports: [APP_CONFIG],
    };
  }
}
