import { SESSION_COOKIE } from '@conduit/contract';
import { readdirSync, readFileSync } from 'node:fs';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { startServerProcess, type ServerProcess } from './support/server-process';

/** The names of a process's threads (Linux): render workers are named `render`. */
function threadNames(pid: number): string[] {
  return readdirSync(`/proc/${pid}/task`).map((task) => readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim());
}

const renderThreads = (server: ServerProcess) => threadNames(server.child.pid!).filter((name) => name === 'render').length;

async function signedInPage(server: ServerProcess, reader: Account, path = '/'): Promise<string> {
  const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: `${SESSION_COOKIE}=${reader.token}` } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The built app rendering pages on worker threads (SSR_WORKERS), and on its own thread (SSR_WORKERS=0). */
describe('server-side rendering on worker threads', () => {
  describe('with two render workers', () => {
    let server: ServerProcess;
    let readers: Account[];

    beforeAll(async () => {
      server = await startServerProcess({ SSR_WORKERS: '2' });
      readers = [];
      for (let i = 0; i < 8; i++) readers.push(await registerUser(server.baseUrl, `pool${i}`));
      await createArticle(server.baseUrl, await registerUser(server.baseUrl, 'author'), 'Rendered off the main thread');
    });
    afterAll(() => server.stop());

    it('starts no worker before the first page, then renders on both', async () => {
      expect(renderThreads(server)).toBe(0);
      await Promise.all([signedInPage(server, readers[0]), signedInPage(server, readers[1])]);
      expect(renderThreads(server)).toBe(2);
    });

    it("renders concurrent readers' pages each with its own reader, never another's", async () => {
      const rounds = await Promise.all(readers.flatMap((reader) => [signedInPage(server, reader), signedInPage(server, reader, '/settings')]));
      rounds.forEach((html, i) => {
        const reader = readers[Math.floor(i / 2)];
        expect(html).toContain(`/profile/${reader.username}`);
        for (const other of readers) if (other !== reader) expect(html).not.toContain(`/profile/${other.username}"`);
      });
      expect(rounds[0]).toContain('Rendered off the main thread');
      expect(renderThreads(server)).toBe(2);
    });

    it('answers a page no route has with the 404 page, and a HEAD with headers only', async () => {
      const missing = await fetch(`${server.baseUrl}/article/no-such-article`);
      expect(missing.status).toBe(404);
      const head = await fetch(`${server.baseUrl}/`, { method: 'HEAD' });
      expect(head.status).toBe(200);
      expect(await head.text()).toBe('');
    });
  });

  describe('with SSR_WORKERS=0', () => {
    let server: ServerProcess;

    beforeAll(async () => {
      server = await startServerProcess({ SSR_WORKERS: '0' });
    });
    afterAll(() => server.stop());

    it('renders on its own thread and starts no worker', async () => {
      const reader = await registerUser(server.baseUrl, 'onethread');
      expect(await signedInPage(server, reader)).toContain(`/profile/${reader.username}`);
      expect(renderThreads(server)).toBe(0);
    });
  });
});
