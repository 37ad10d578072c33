import { join } from 'node:path';
import type { TypeOrmModuleOptions } from '@nestjs/typeorm';
import { LIVE_TABLES } from '@conduit/live-server';
import type { AppConfig } from '../config/app-config';
import { AppSecretEntity } from '../auth/app-secret.entity';
import { ArticleTagEntity } from '../articles/article-tag.entity';
import { ArticleEntity } from '../articles/article.entity';
import { IdempotencyKeyEntity } from '../articles/idempotency/idempotency-key.entity';
import { FavoriteEntity } from '../articles/favorite.entity';
import { CommentEntity } from '../comments/comment.entity';
import { FollowEntity } from '../profiles/follow.entity';
import { UserEntity } from '../users/user.entity';
import { migrations } from './migrations';
import { prepareSqliteFile } from './sqlite-file';

export const entities = [UserEntity, FollowEntity, ArticleEntity, ArticleTagEntity, FavoriteEntity, CommentEntity, ...LIVE_TABLES, AppSecretEntity, IdempotencyKeyEntity];

/** How a process other than the server (the admin CLI) wants the store: migrations on demand, no retries. */
export interface DatabaseOverrides {
  migrationsRun?: boolean;
  retryAttempts?: number;
}

/** SQLite file under the data folder by default; PostgreSQL when DATABASE_URL is set. */
export function databaseOptions(config: AppConfig, overrides: DatabaseOverrides = {}): TypeOrmModuleOptions {
  // A store that is down at start-up gets a few retries; a failing migration should not retry for long.
  const common = { entities, migrations, migrationsRun: true, synchronize: false, retryAttempts: 3, ...overrides };
  if (config.databaseUrl) {
    return { ...common, type: 'postgres', url: config.databaseUrl, schema: config.databaseSchema ?? undefined };
  }
  prepareSqliteFile(sqliteFile(config));
  return {
    ...common,
    type: 'better-sqlite3',
    database: sqliteFile(config),
    enableWAL: true,
    // In WAL mode NORMAL is safe against corruption and keeps every commit across an app crash; it
    // only skips the fsync per commit (a power cut may lose the last transactions), which would
    // otherwise cap the embedded store at one commit per disk flush.
    prepareDatabase: (db: { pragma(source: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
    },
  };
}

export function sqliteFile(config: AppConfig): string {
  return join(config.dataDir, 'conduit.sqlite');
}

/** How the console and health checks name the store, without credentials. */
export function describeStore(config: AppConfig): string {
  if (!config.databaseUrl) return `sqlite ${sqliteFile(config)}`;
  const url = new URL(config.databaseUrl);
  return `postgres ${url.host}${url.pathname}${config.databaseSchema ? ` schema ${config.databaseSchema}` : ''}`;
}
