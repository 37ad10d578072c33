import { HttpException, Module, type DynamicModule, type Type } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LiveModule } from '@conduit/live-server';
import { ChangeBus, type CommittedChange } from '@conduit/live-server/testing';
import { AuthModule } from '../../apps/api/src/auth/auth.module';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { APP_CONFIG } from '../../apps/api/src/config/app-config.token';
import { entities } from '../../apps/api/src/database/database-options';
import { migrations } from '../../apps/api/src/database/migrations';
import { openDataSource } from '../../apps/api/src/database/open-data-source';
import { RateLimitModule } from '../../apps/api/src/security/rate-limit.module';
import { UserEntity } from '../../apps/api/src/users/user.entity';
import { usernameKey } from '../../apps/api/src/users/username';

/** A fixed secret, so that tests can sign tokens of their own (auth/jwt-secret.ts generates one otherwise). */
export const TEST_JWT_SECRET = 'unit-tests-only-secret-0123456789abcdef';

export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, ...env });
}

/** APP_CONFIG for the whole test module, as AppModule (global) provides it to AuthModule's JwtModule. */
@Module({})
export class TestConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: TestConfigModule, global: true, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}

export interface ServiceTestModule {
  module: TestingModule;
  /** Every change published on the real ChangeBus since the module was built, in publish order. */
  changes: CommittedChange[];
  /** What was published from the start of `call` until it settled (its error, if any, is rethrown). */
  publishedBy(call: () => Promise<unknown>): Promise<PublishedChange[]>;
  /**
   * An account saved straight to the user table, for suites that need authors and readers but no
   * login: registering hashes a password (~0.2 s of scrypt each on a small machine).
   */
  insertUser(username: string): Promise<number>;
  close(): Promise<void>;
}

export type PublishedChange = Pick<CommittedChange, 'topic' | 'type' | 'key' | 'audience'>;

/**
 * The API's services wired as in AppModule (auth, the live outbox and bus, the given feature
 * modules) over a fresh in-memory SQLite database migrated like production.
 *
 * The module is compiled but not initialized: the lifecycle hooks would only start the delivery
 * side (the stream tailer's poll, the retention timer, topic registration), which the service
 * tests do not exercise. The outbox and the entity subscribers register with the DataSource in
 * their constructors, so every write still records and publishes its changes.
 */
export async function createServiceTestModule(features: Type[], env: Record<string, string> = {}): Promise<ServiceTestModule> {
  const module = await Test.createTestingModule({
    imports: [
      TestConfigModule.forRoot(testConfig(env)),
      TypeOrmModule.forRootAsync({
        useFactory: () => ({ type: 'better-sqlite3', database: ':memory:', entities, migrations, migrationsRun: true, retryAttempts: 0 }),
        dataSourceFactory: (options) => openDataSource(options!),
      }),
      LiveModule.forRoot({}),
      AuthModule,
      RateLimitModule,
      ...features,
    ],
  }).compile();
  const changes: CommittedChange[] = [];
  const subscription = module.get(ChangeBus).changes$.subscribe((change) => changes.push(change));
  return {
    module,
    changes,
    async publishedBy(call) {
      const before = changes.length;
      await call();
      return changes.slice(before).map(({ topic, type, key, audience }) => ({ topic, type, key, audience }));
    },
    async insertUser(username) {
      const users = module.get(DataSource).getRepository(UserEntity);
      const user = await users.save(
        users.create({ username, usernameKey: usernameKey(username), email: `${username}@example.com`, passwordHash: 'no-login', bio: null, image: null, role: 'user', createdAt: new Date() }),
      );
      return user.id;
    },
    async close() {
      subscription.unsubscribe();
      await module.close();
    },
  };
}

/** The status and RealWorld body a service call was refused with (fails if it was not refused by an HttpException). */
export async function refusal(call: Promise<unknown>): Promise<{ status: number; body: unknown }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof HttpException) return { status: error.getStatus(), body: error.getResponse() };
    throw error;
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
