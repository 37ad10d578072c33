import { SESSION_COOKIE } from '@conduit/contract';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Client } from 'pg';
import { testDatabaseUrl } from './support/postgres';
import { rawGet } from './support/raw-http';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { availableStores } from './support/stores';

/** The built app, with its page cache on (the default). */
describe('server-rendered page cache', () => {
  let server: ServerProcess;
  let author: Account;
  const page = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.baseUrl}${path}`, { headers });
    return { cache: res.headers.get('x-page-cache'), html: await res.text(), status: res.status };
  };

  beforeAll(async () => {
    server = await startServerProcess();
    author = await registerUser(server.baseUrl, 'cached');
  });
  afterAll(() => server.stop());

  it('answers a repeated anonymous page from the cache', async () => {
    await createArticle(server.baseUrl, author, 'Worth caching');
    expect((await page('/')).cache).toBe('miss');
    const again = await page('/');
    expect(again.cache).toBe('hit');
    expect(again.html).toContain('Worth caching');
  });

  it('never serves a page from before a change once the write was answered', async () => {
    await page('/');
    expect((await page('/')).cache).toBe('hit');
    await createArticle(server.baseUrl, author, 'Fresh after the cache');
    const after = await page('/');
    expect(after.cache).toBe('miss');
    expect(after.html).toContain('Fresh after the cache');
  });

  it('drops an article page after a comment on it', async () => {
    const article = await createArticle(server.baseUrl, author, 'Comment on me');
    await page(`/article/${article.slug}`);
    expect((await page(`/article/${article.slug}`)).cache).toBe('hit');
    const res = await fetch(`${server.baseUrl}/api/articles/${article.slug}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${author.token}` },
      body: JSON.stringify({ comment: { body: 'A comment the cache must show' } }),
    });
    expect(res.status).toBe(201);
    const after = await page(`/article/${article.slug}`);
    expect(after.cache).toBe('miss');
    expect(after.html).toContain('A comment the cache must show');
  });

  it("never caches a signed-in reader's page", async () => {
    const signedIn = { cookie: `${SESSION_COOKIE}=${author.token}` };
    expect((await page('/', signedIn)).cache).toBeNull();
    expect((await page('/', signedIn)).cache).toBeNull();
  });

  it('keeps one page for one URL, whatever junk headers and query parameters come with it', async () => {
    await createArticle(server.baseUrl, author, 'One page, one key');
    expect((await page('/')).cache).toBe('miss');
    expect((await page('/?utm_source=junk&x=1')).cache).toBe('hit');
    expect((await page('/', { 'x-forwarded-host': 'junk.example', 'x-junk': '1' })).cache).toBe('hit');
    const { port } = new URL(server.baseUrl);
    expect((await rawGet(server.baseUrl, '/', { host: `127.0.0.1:${port}` })).headers['x-page-cache']).toBe('hit');
    // A parameter the page reads is a page of its own.
    expect((await page('/?page=2')).cache).toBe('miss');
  });

  it('never keeps a page that is not a 200', async () => {
    expect((await page('/article/no-such-article')).status).toBe(404);
    expect((await page('/article/no-such-article')).cache).toBeNull();
  });
});

/** Renames a table under the running server, so that its queries on it fail, and back. */
async function renameTable(server: ServerProcess, from: string, to: string): Promise<void> {
  if (server.databaseSchema === null) {
    const db = new DatabaseSync(join(server.dataDir, 'conduit.sqlite'), { timeout: 10_000 });
    try {
      db.exec(`ALTER TABLE "${from}" RENAME TO "${to}"`);
    } finally {
      db.close();
    }
    return;
  }
  const client = new Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(`ALTER TABLE "${server.databaseSchema}"."${from}" RENAME TO "${to}"`);
  } finally {
    await client.end();
  }
}

describe.each(availableStores())('a page whose data failed (%s)', (store) => {
  let server: ServerProcess;
  let author: Account;

  beforeAll(async () => {
    server = await startServerProcess({}, { store });
    author = await registerUser(server.baseUrl, 'failing');
  });
  afterAll(() => server?.stop());

  it('is never cached: once the API recovers, the next reader gets the true page', async () => {
    const article = await createArticle(server.baseUrl, author, 'Shown once the store is back');
    await renameTable(server, 'article', 'article_away');
    try {
      for (let i = 0; i < 2; i += 1) {
        const res = await fetch(`${server.baseUrl}/`);
        expect(await res.text()).toContain('could not be loaded');
        expect(res.headers.get('x-page-cache')).toBeNull();
        expect(res.headers.get('cache-control')).toContain('no-store');
      }
    } finally {
      await renameTable(server, 'article_away', 'article');
    }
    const after = await fetch(`${server.baseUrl}/`);
    const html = await after.text();
    expect(html).toContain(article.title);
    expect(html).not.toContain('could not be loaded');
  });
});
