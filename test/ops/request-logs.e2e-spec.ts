import { waitUntil } from '../support/api-cluster';
import { SESSION_COOKIE } from '@conduit/contract';
import { createArticle, registerUser } from '../support/realworld-client';
import { startServerProcess, type LogLine, type ServerProcess } from '../support/server-process';

// The built app: pages are answered by the Angular bundle before Nest's request logging would run.
describe('request logs of pages', () => {
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    server = await startServerProcess();
    const author = await registerUser(server.baseUrl, 'logs');
    token = author.token;
    await createArticle(server.baseUrl, author, `Logged ${Date.now()}`);
  });
  afterAll(() => server?.stop());

  const lines = (): LogLine[] => server.logLines();
  const pageLine = (id: string) => lines().find((line) => line.msg === 'page served' && line.req?.id === id);

  async function served(path: string, id: string, headers: Record<string, string> = {}): Promise<LogLine> {
    const res = await fetch(`${server.baseUrl}${path}`, { headers: { ...headers, 'x-request-id': id } });
    expect(res.headers.get('x-request-id')).toBe(id);
    await res.text();
    await waitUntil(() => pageLine(id) !== undefined, 10_000, () => `no "page served" line for ${id}:\n${server.output().slice(-3000)}`);
    return pageLine(id)!;
  }

  it('logs a page under its request id, which the API calls made to render it carry too', async () => {
    const page = await served('/', 'page-trace-1');
    expect(page).toMatchObject({ level: 30, req: { method: 'GET', url: '/' } });
    // What helps to follow it, not the dozen security headers every response carries.
    expect(page.res).toEqual({ statusCode: 200 });
    expect(page.responseTime).toEqual(expect.any(Number));
    const apiCalls = lines()
      .filter((line) => line.msg === 'request completed' && line.req?.id === 'page-trace-1')
      .map((line) => line.req?.url);
    expect(apiCalls).toEqual(expect.arrayContaining([expect.stringMatching(/^\/api\/articles\b/), expect.stringMatching(/^\/api\/tags\b/)]));
  });

  it('logs a page that does not exist as a warning, with its 404', async () => {
    const page = await served('/no-such-page', 'page-trace-2');
    expect(page).toMatchObject({ level: 40, req: { url: '/no-such-page' }, res: { statusCode: 404 } });
  });

  it('logs no error for a list the API refuses: a tag from the address bar longer than any tag', async () => {
    const page = await served(`/tag/${'a'.repeat(65)}`, 'page-trace-4');
    expect(page).toMatchObject({ level: 30, res: { statusCode: 200 } });
    const refused = lines().filter((line) => line.req?.id === 'page-trace-4' && line.res?.statusCode === 422);
    expect(refused).toHaveLength(1);
    expect(server.output()).not.toContain('Could not load the articles');
  });

  it("never logs a signed-in reader's token, from the page's cookie or the render's API calls", async () => {
    await served('/', 'page-trace-3', { cookie: `${SESSION_COOKIE}=${token}` });
    const logged = lines().filter((line) => line.req?.id === 'page-trace-3');
    expect(logged.length).toBeGreaterThan(1);
    expect(JSON.stringify(logged)).not.toContain(token);
  });
});
