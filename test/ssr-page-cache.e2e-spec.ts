import { createArticle, registerUser, type Account } from './support/realworld-client';
import { startServerProcess, type ServerProcess } from './support/server-process';

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
    const signedIn = { cookie: `conduit_token=${author.token}` };
    expect((await page('/', signedIn)).cache).toBeNull();
    expect((await page('/', signedIn)).cache).toBeNull();
  });
});
