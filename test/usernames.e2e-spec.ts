import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from '../apps/api/src/config/app-config';
import { databaseOptions } from '../apps/api/src/database/database-options';
import { migrations } from '../apps/api/src/database/migrations';
import { UserEntity } from '../apps/api/src/users/user.entity';
import { createSchema, testDatabaseUrl } from './support/postgres';
import { registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type Store, type TestApp } from './support/test-app';

const hex = () => randomBytes(3).toString('hex');
/** ASCII letters and digits as their fullwidth forms (U+FF01…), which NFKC folds back. */
const fullwidth = (text: string) => text.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0));
const newUser = (username: string) => ({ user: { username, email: `u${hex()}${hex()}@example.com`, password: 'correct horse battery' } });
const USERNAME_RULE = 'may only hold letters, digits, "_", "." and "-", and may not start or end with "."';

describe.each(availableStores())('usernames on %s', (store) => {
  let app: TestApp;
  let reader: Account;

  beforeAll(async () => {
    app = await startTestApp(store);
    reader = await registerUser(app.baseUrl, 'namer');
  });
  afterAll(() => app.close());

  const api = () => request(app.baseUrl);
  const register = (username: string) => api().post('/api/users').send(newUser(username));
  const rename = (account: Account, username: string) => api().put('/api/user').set('authorization', `Token ${account.token}`).send({ user: { username } });

  it.each([['.'], ['..'], ['.hidden'], ['trailing.'], ['a/b'], ['..%2F..'], ['50%'], ['tab\there'], ['bidi\u202Eevil'], ['\u0301accent-first'], ['．．']])(
    'refuses the path-like or invisible name %j with 422, on registration and on rename',
    async (username) => {
      expect((await register(username).expect(422)).body).toEqual({ errors: { username: [USERNAME_RULE] } });
      expect((await rename(reader, username).expect(422)).body).toEqual({ errors: { username: [USERNAME_RULE] } });
    },
  );

  // NUL never reaches the username rule: every body holding one is refused first (nul-characters.ts).
  it('refuses a name holding NUL with 422, on registration and on rename', async () => {
    const nulRefused = { errors: { body: ['must not hold NUL characters'] } };
    expect((await register('nul\u0000').expect(422)).body).toEqual(nulRefused);
    expect((await rename(reader, 'nul\u0000').expect(422)).body).toEqual(nulRefused);
  });

  it('accepts letters of any script, inner dots, dashes, underscores and combining marks', async () => {
    for (const username of [`josé.ñ-${hex()}`, `a_b-c.d${hex()}`, `नमस्ते${hex()}`, `ﬁx${hex()}`]) {
      const res = await register(username).expect(201);
      expect(res.body.user.username).toBe(username);
    }
  });

  it('refuses a name that equals a taken one after NFKC normalisation and case folding', async () => {
    const base = `alice${hex()}`;
    await register(base).expect(201);
    for (const clash of [base.toUpperCase(), `A${base.slice(1)}`, fullwidth(base), fullwidth(base.toUpperCase())]) {
      expect((await register(clash).expect(409)).body).toEqual({ errors: { username: ['has already been taken'] } });
    }
    const german = `straße${hex()}`;
    await register(german).expect(201);
    await register(german.replace('ß', 'SS').toUpperCase()).expect(409);
  });

  it('refuses a rename onto a name taken in another case, and lets an account change the case of its own', async () => {
    const owner = await registerUser(app.baseUrl, 'owner');
    const other = await registerUser(app.baseUrl, 'other');
    expect((await rename(other, owner.username.toUpperCase()).expect(409)).body).toEqual({ errors: { username: ['has already been taken'] } });
    const shouted = owner.username.toUpperCase();
    expect((await rename(owner, shouted).expect(200)).body.user.username).toBe(shouted);
  });

  it('finds a profile, and articles by author, under any spelling of the same name', async () => {
    const base = `carol${hex()}`;
    const carol = (await register(base).expect(201)).body.user as { token: string };
    await api().post('/api/articles').set('authorization', `Token ${carol.token}`).send({ article: { title: `By ${base}`, description: 'd', body: 'b' } }).expect(201);
    for (const spelling of [base, base.toUpperCase(), fullwidth(base)]) {
      const res = await api().get(`/api/profiles/${encodeURIComponent(spelling)}`).expect(200);
      expect(res.body.profile.username).toBe(base);
      const listed = await api().get(`/api/articles?author=${encodeURIComponent(spelling)}`).expect(200);
      expect(listed.body.articles.map((article: { title: string }) => article.title)).toEqual([`By ${base}`]);
    }
  });
});

describe.each(availableStores())('the username migration on %s', (store) => {
  let cleanup: () => Promise<void> | void;
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await cleanup();
  });

  /** A store migrated up to the migration before the username keys, as an older version left it. */
  async function olderStore(kind: Store): Promise<Record<string, string>> {
    if (kind === 'postgres') {
      const { schema, drop } = await createSchema();
      cleanup = drop;
      return { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: schema };
    }
    const dataDir = mkdtempSync(join(tmpdir(), 'conduit-usernames-'));
    cleanup = () => rmSync(dataDir, { recursive: true, force: true });
    return { DATA_DIR: dataDir };
  }

  it('keeps the oldest of clashing or path-like names, renames the others with their id, and answers under the new rules', async () => {
    const env = await olderStore(store);
    const options = databaseOptions(loadConfig(env)) as DataSourceOptions;
    const before = migrations.findIndex((migration) => migration.name.startsWith('AddUsernameKey'));
    expect(before).toBeGreaterThan(0);
    const older = new DataSource({ ...options, migrations: migrations.slice(0, before), migrationsRun: false });
    await older.initialize();
    await older.runMigrations();
    // Raw SQL: the entity already has columns this older schema lacks.
    const table = store === 'postgres' ? `"${env.DATABASE_SCHEMA}"."user"` : '"user"';
    const names = ['bob', 'BOB', fullwidth('bob'), '..', '.x', 'straße', 'STRASSE', 'BOB_2'];
    for (const [index, username] of names.entries()) {
      await older.query(
        `INSERT INTO ${table} ("username", "email", "passwordHash", "role", "createdAt") VALUES (${store === 'postgres' ? '$1, $2, $3, $4, $5' : '?, ?, ?, ?, ?'})`,
        [username, `m${index}@example.com`, 'x', 'user', Date.now()],
      );
    }
    await older.destroy();

    app = await startTestApp(store, env);
    const rows = await app.app.get(DataSource).getRepository(UserEntity).find({ order: { id: 'ASC' } });
    expect(rows.map((row) => row.username)).toEqual(['bob', 'BOB_2_2', `${fullwidth('bob')}_3`, 'user_4', 'x_5', 'straße', 'STRASSE_7', 'BOB_2']);
    // The renamed accounts answer under their new names; the old spellings find the account that kept its name.
    for (const username of ['BOB', fullwidth('bob')]) {
      expect((await request(app.baseUrl).get(`/api/profiles/${encodeURIComponent(username)}`).expect(200)).body.profile.username).toBe('bob');
    }
    expect((await request(app.baseUrl).get('/api/profiles/user_4').expect(200)).body.profile.username).toBe('user_4');
    await request(app.baseUrl).post('/api/users').send(newUser('Bob')).expect(409);
  });
});
