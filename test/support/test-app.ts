import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/api/src/bootstrap';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { createSchema, testDatabaseUrl } from './postgres';

export type Store = 'sqlite' | 'postgres';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  baseUrl: string;
  wsUrl: string;
  close(): Promise<void>;
}

/** The real app (REST and socket, no pages) on a random port, on a store of its own. */
export async function startTestApp(store: Store, env: Record<string, string> = {}): Promise<TestApp> {
  const cleanups: (() => Promise<void> | void)[] = [];
  let storeEnv: Record<string, string>;
  if (store === 'postgres' && env.DATABASE_SCHEMA) {
    // Another instance on a schema the caller owns (several instances of one deployment).
    storeEnv = { DATABASE_URL: testDatabaseUrl };
  } else if (store === 'postgres') {
    const { schema, drop } = await createSchema();
    cleanups.push(drop);
    storeEnv = { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: schema };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'conduit-e2e-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    storeEnv = { DATA_DIR: dataDir };
  }
  const config = { ...loadConfig({ ...storeEnv, ...env }), webDistDir: null };
  const app = await createApp(config, { logger: ['error', 'fatal'] });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async close() {
      await app.close();
      for (const cleanup of cleanups.reverse()) await cleanup();
    },
  };
}
