import { join } from 'node:path';
import type { Article } from '@conduit/contract';
import { createArticle, registerUser } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';

// better-sqlite3 12 on Node 24.19+ aborted the process when a GC finalized a statement after the server
// had gone idle (nodejs/node#65446): the collection ran from a task, outside any JavaScript context.
// This is that deployment, compressed: writes and reads, a minute of idling under forced full GCs run
// as tasks (test/support/gc-pulse.cjs), then a normal shutdown that must exit 0.
const ARTICLES = 1_000;
const WRITERS = 8;
const IDLE_MS = 60_000;
const PAGES = 250;

describe('the embedded store after writes and an idle GC', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess(
      { THROTTLE_WRITE_LIMIT: '0', THROTTLE_AUTH_LIMIT: '0' },
      { nodeArgs: ['--expose-gc', '--require', join(__dirname, '..', 'support', 'gc-pulse.cjs')] },
    );
  });
  afterAll(() => server?.stop());

  // A reset connection may be the very abort this suite exists for, or only a loaded machine: the failure says
  // which, with the server's exit state and the end of what it printed.
  async function withServerState<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const { exitCode, signalCode } = server.child;
      const cause = (error as Error & { cause?: { code?: string } }).cause?.code ?? 'no cause';
      throw new Error(
        `${(error as Error).message} (${cause}); server exit code ${exitCode}, signal ${signalCode}\n` +
          `--- server output, last 4000 characters ---\n${server.output().slice(-4000)}`,
      );
    }
  }

  it(`serves ${ARTICLES} writes, idles ${IDLE_MS / 1000} s under forced GCs, and exits 0 on SIGTERM`, async () => {
    const author = await withServerState(() => registerUser(server.baseUrl, 'gc'));
    let next = 0;
    await withServerState(() =>
      Promise.all(
        Array.from({ length: WRITERS }, async () => {
          while (next < ARTICLES) await createArticle(server.baseUrl, author, `idle gc ${next++}`);
        }),
      ),
    );
    // Each offset is a new SQL text, so the driver's statement cache (100) evicts and drops statements.
    for (let offset = 0; offset < PAGES; offset++) {
      const page = await withServerState(async () => {
        const listed = await fetch(`${server.baseUrl}/api/articles?author=${author.username}&limit=1&offset=${offset}`);
        return (await listed.json()) as { articlesCount: number; articles: Article[] };
      });
      expect({ count: page.articlesCount, title: page.articles[0]?.title }).toEqual({ count: ARTICLES, title: expect.stringMatching(/^idle gc \d+$/) });
    }

    // The idling is the scenario under test, not a wait for an event.
    await new Promise((resolveIdle) => setTimeout(resolveIdle, IDLE_MS));

    const tags = await fetch(`${server.baseUrl}/api/tags`);
    expect(tags.status).toBe(200);
    const exitCode = await server.stop();
    expect({ exitCode, output: exitCode === 0 ? '' : server.output() }).toEqual({ exitCode: 0, output: '' });
  }, IDLE_MS + 240_000);
});
