import { HttpException, Inject, Injectable, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AppModule } from '../app.module';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { databaseOptions } from '../database/database-options';

/** A failure to report to the operator as one line, with exit code 1. */
export class CliError extends Error {}

/** A service's RealWorld error (`{"errors": {"article": ["not found"]}}`) as a sentence. */
export function describeError(error: unknown): string {
  if (error instanceof HttpException) {
    const body = error.getResponse() as { errors?: Record<string, string[]> };
    if (body.errors) return Object.entries(body.errors).map(([field, messages]) => `${field} ${messages.join(', ')}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The API's own modules (AppModule: the same services, subscribers and change outbox) as an
 * application context without HTTP, booted only by the commands that need the store, so that
 * `--help` and `tail` work without one. Pending migrations run first, as on server start-up.
 */
@Injectable()
export class AdminContext {
  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {}

  async run<T>(work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
    let app: INestApplicationContext;
    try {
      app = await NestFactory.createApplicationContext(AppModule.forRoot(this.config, 'error', { retryAttempts: 0 }), {
        logger: ['fatal'],
        abortOnError: false,
      });
    } catch (error) {
      throw new CliError(`cannot open the database (${this.storeName()}): ${describeError(error)}`);
    }
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  }

  /** The bare store, for migrations: nothing else may touch a schema that is not there yet. */
  async database<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
    const dataSource = new DataSource({ ...databaseOptions(this.config, { migrationsRun: false }), logging: false } as DataSourceOptions);
    try {
      await dataSource.initialize();
    } catch (error) {
      throw new CliError(`cannot open the database (${this.storeName()}): ${describeError(error)}`);
    }
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  }

  private storeName(): string {
    if (!this.config.databaseUrl) return `sqlite in ${this.config.dataDir}`;
    const url = new URL(this.config.databaseUrl);
    return `postgres ${url.host}${url.pathname}`;
  }
}
