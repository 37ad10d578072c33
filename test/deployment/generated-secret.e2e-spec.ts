import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppSecretEntity } from '../../apps/api/src/auth/app-secret.entity';
import { resolveJwtSecret } from '../../apps/api/src/auth/jwt-secret';
import { loadConfig, type AppConfig } from '../../apps/api/src/config/app-config';
import { databaseOptions } from '../../apps/api/src/database/database-options';
import { createSchema, testDatabaseUrl } from '../support/postgres';
import { registerUser } from '../support/realworld-client';
import { availableStores } from '../support/stores';
import { startTestApp, type Store, type TestApp } from '../support/test-app';

/** Where one deployment keeps its data: a SQLite folder, or a Postgres schema (with a data folder of its own). */
async function deploymentStore(store: Store): Promise<{ env: Record<string, string>; dataDir: string; close(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'conduit-secret-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (store === 'sqlite') return { env: { DATA_DIR: dataDir }, dataDir, close: async () => removeDir() };
  const { schema, drop } = await createSchema();
  return { env: { DATA_DIR: dataDir, DATABASE_SCHEMA: schema }, dataDir, close: async () => (removeDir(), await drop()) };
}

describe.each(availableStores())('the generated JWT secret (no JWT_SECRET) on %s', (store) => {
  let deployment: Awaited<ReturnType<typeof deploymentStore>>;
  const apps: TestApp[] = [];
  const sources: DataSource[] = [];
  const cleanups: (() => void)[] = [];
  const configOf = (): AppConfig => loadConfig({ ...deployment.env, ...(store === 'postgres' ? { DATABASE_URL: testDatabaseUrl } : {}) });
  const migratedSource = async (): Promise<DataSource> => {
    const source = new DataSource(databaseOptions(configOf()) as ConstructorParameters<typeof DataSource>[0]);
    sources.push(source);
    return source.initialize();
  };

  beforeEach(async () => {
    deployment = await deploymentStore(store);
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await Promise.all(sources.splice(0).map((source) => source.destroy()));
    await deployment.close();
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('is one secret for every instance, even when they generate it at the same moment', async () => {
    await migratedSource();
    const instances = await Promise.all([1, 2, 3, 4].map(() => migratedSource()));
    const secrets = await Promise.all(instances.map((source) => resolveJwtSecret(configOf(), source)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0].length).toBeGreaterThanOrEqual(32);
    expect(await instances[0].getRepository(AppSecretEntity).count()).toBe(1);
    expect(existsSync(join(deployment.dataDir, 'jwt-secret'))).toBe(false);
  });

  it('lets a token issued by one instance work on another', async () => {
    apps.push(await startTestApp(store, deployment.env));
    // On Postgres each instance has a data folder of its own, as on machines of their own.
    const dataDir = store === 'postgres' ? mkdtempSync(join(tmpdir(), 'conduit-secret-')) : deployment.dataDir;
    if (dataDir !== deployment.dataDir) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    apps.push(await startTestApp(store, { ...deployment.env, DATA_DIR: dataDir }));
    const jake = await registerUser(apps[0].baseUrl, 'jake');
    expect((await request(apps[1].baseUrl).get('/api/user').set({ Authorization: `Token ${jake.token}` }).expect(200)).body.user.username).toBe(jake.username);
  });

  it('takes over the secret an earlier version kept in DATA_DIR/jwt-secret, so that its tokens keep working', async () => {
    const legacy = 'a-secret-generated-by-an-earlier-version-0123456789';
    apps.push(await startTestApp(store, { ...deployment.env, JWT_SECRET: legacy }));
    const jake = await registerUser(apps[0].baseUrl, 'jake');
    await apps.pop()!.close();
    writeFileSync(join(deployment.dataDir, 'jwt-secret'), `${legacy}\n`, { mode: 0o600 });

    apps.push(await startTestApp(store, deployment.env));
    await request(apps[0].baseUrl).get('/api/user').set({ Authorization: `Token ${jake.token}` }).expect(200);
    expect(existsSync(join(deployment.dataDir, 'jwt-secret'))).toBe(false);
    const { body } = await request(apps[0].baseUrl).post('/api/users/login').send({ user: { email: jake.email, password: 'correct horse battery' } }).expect(200);
    expect(() => new JwtService({ secret: legacy }).verify(body.user.token)).not.toThrow();
  });
});
