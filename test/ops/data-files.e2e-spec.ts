import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { registerUser } from '../support/realworld-client';
import { startTestApp, type TestApp } from '../support/test-app';

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
const DATABASE_FILES = ['conduit.sqlite', 'conduit.sqlite-wal', 'conduit.sqlite-shm'];

describe('the SQLite files, which hold password hashes', () => {
  let dataDir: string;
  let app: TestApp | undefined;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'conduit-files-'));
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are created readable by their owner alone (0600), the write-ahead log and shared memory too', async () => {
    app = await startTestApp('sqlite', { DATA_DIR: join(dataDir, 'fresh') });
    await registerUser(app.baseUrl, 'private');
    expect(DATABASE_FILES.map((file) => mode(join(dataDir, 'fresh', file)))).toEqual(['600', '600', '600']);
  });

  it('are made 0600 on start when an earlier version left them world-readable', async () => {
    // An empty file is an empty SQLite database.
    writeFileSync(join(dataDir, 'conduit.sqlite'), '');
    chmodSync(join(dataDir, 'conduit.sqlite'), 0o644);
    app = await startTestApp('sqlite', { DATA_DIR: dataDir });
    await registerUser(app.baseUrl, 'tightened');
    expect(DATABASE_FILES.map((file) => mode(join(dataDir, file)))).toEqual(['600', '600', '600']);
  });

  it('are driven by TypeORM in write-ahead-log mode with synchronous=NORMAL (better-sqlite3 13)', async () => {
    app = await startTestApp('sqlite', { DATA_DIR: join(dataDir, 'pragmas') });
    await registerUser(app.baseUrl, 'pragmas');
    const pragmas = await app.app.get(DataSource).query('SELECT * FROM pragma_journal_mode, pragma_synchronous');
    // synchronous: 0 OFF, 1 NORMAL, 2 FULL.
    expect(pragmas).toEqual([{ journal_mode: 'wal', synchronous: 1 }]);
  });
});
