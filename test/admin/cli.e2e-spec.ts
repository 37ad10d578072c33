import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Change } from '@conduit/contract';
import { LiveStats } from '@conduit/live-server';
import { ChangeStream, StreamRetention } from '@conduit/live-server/testing';
import { migrations } from '../../apps/api/src/database/migrations';
import { FrameReader } from '../support/frame-reader';
import { createArticle, registerUser } from '../support/realworld-client';
import { RunningCli, runCli, storeEnv } from '../support/admin-cli';
import { within } from '../support/api-cluster';
import { createSchema, testDatabaseUrl } from '../support/postgres';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

async function comment(api: TestApp, token: string, slug: string, body: string): Promise<{ id: number }> {
  const res = await fetch(`${api.baseUrl}/api/articles/${slug}/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
    body: JSON.stringify({ comment: { body } }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: number } }).comment;
}

describe.each(availableStores())('admin CLI on %s', (store) => {
  let api: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    // The server learns of the CLI's writes from the stream table; a short poll keeps the suite quick.
    api = await startTestApp(store, { STREAM_POLL_INTERVAL_MS: '100' });
    env = storeEnv(api.config);
  });
  afterAll(() => api.close());

  it('seeds through the services: a subscribed socket sees every article created', async () => {
    const socket = await FrameReader.open(api.wsUrl);
    socket.send({ event: 'subscribe', data: { topic: 'articles' } });
    await socket.next('subscribed');

    const result = await runCli(['seed', '--users', '2', '--articles', '5', '--comments', '3'], env);
    expect(result.stderr).not.toContain('error');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^seeded 2 users, 5 articles, 3 comments in [0-9.]+ s/m);

    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await socket.next('change', (frame) => frame.data.type === 'created')).data.key);
    const { articlesCount } = (await (await fetch(`${api.baseUrl}/api/articles?limit=1`)).json()) as { articlesCount: number };
    expect(articlesCount).toBeGreaterThanOrEqual(5);
    expect(new Set(created).size).toBe(5);
    await socket.close();
  });

  it.each([
    ['the WebSocket', [], '[live] ws:'],
    ['server-sent events (--sse)', ['--sse'], '[fallback] http:'],
  ])('tails changes as JSON from a cursor over %s, then live, and stops cleanly on Ctrl-C', async (_over, flags, liveLine) => {
    const author = await registerUser(api.baseUrl, 'tailed');
    const head = (await fetch(`${api.baseUrl}/api/articles?limit=1`)).headers.get('x-stream-cursor')!;
    const before = await createArticle(api.baseUrl, author, `Before tail ${Date.now()}`);
    const tail = RunningCli.start(['tail', 'articles', '--since', head, '--url', api.baseUrl, '--json', ...flags], env);
    try {
      const replayed = JSON.parse(await tail.line('stdout', (line) => line.includes(before.slug))) as Change;
      expect(replayed).toMatchObject({ topic: 'articles', type: 'created', entity: 'article', key: before.slug });
      await tail.line('stderr', (line) => line.startsWith(liveLine));

      const after = await createArticle(api.baseUrl, author, `During tail ${Date.now()}`);
      const live = JSON.parse(await tail.line('stdout', (line) => line.includes(after.slug))) as Change;
      expect(live).toMatchObject({ type: 'created', key: after.slug, data: { title: after.title } });
      expect(BigInt(live.cursor)).toBeGreaterThan(BigInt(replayed.cursor));
    } finally {
      expect(await tail.stop('SIGINT')).toBe(0);
    }
  });

  /** Resolves once a subscriber of `articles` is back (a state no event announces to the test): the stats say so. */
  const subscribedAgain = async (): Promise<void> => {
    const stats = api.app.get(LiveStats);
    while (!stats.snapshot().subscriptionsByTopic.get('articles')) await new Promise((resolve) => setTimeout(resolve, 20));
  };

  it.each([
    ['the WebSocket', []],
    ['server-sent events (--sse)', ['--sse']],
  ])('recovers by itself from a reset that a prune during its replay causes, over %s', async (_over, flags) => {
    const author = await registerUser(api.baseUrl, 'pruned');
    const since = (await fetch(`${api.baseUrl}/api/articles?limit=1`)).headers.get('x-stream-cursor')!;
    for (const title of ['Pruned before tail read it', 'Kept as the head']) await createArticle(api.baseUrl, author, `${title} ${Date.now()}`);
    // Retention removes all but the head just before the tail's replay reads its first page.
    const stream = api.app.get(ChangeStream);
    const readAfter = stream.readAfter.bind(stream);
    const spy = jest.spyOn(stream, 'readAfter').mockImplementationOnce(async (topic, cursor, limit) => {
      await api.app.get(StreamRetention).prune(new Date(Date.now() + 365 * 24 * 3600 * 1000));
      return readAfter(topic, cursor, limit);
    });
    const tail = RunningCli.start(['tail', 'articles', '--since', since, '--url', api.baseUrl, '--json', ...flags], env);
    try {
      const reset = within(20_000, 'the reset', tail.line('stderr', (line) => line.startsWith('reset on articles'))).catch((error: Error) => {
        throw new Error(`${error.message}\n${tail.output()}`);
      });
      expect(await reset).toBe(
        `reset on articles: cursor ${since} is older than the changes kept; continuing from the current head`,
      );
      spy.mockRestore();
      // The tail goes on from the head it reads after the reset: what is written before it subscribes again is not its to print.
      await within(20_000, 'the tail subscribing again', subscribedAgain());
      const after = await createArticle(api.baseUrl, author, `After the reset ${Date.now()}`);
      const live = JSON.parse(await within(20_000, 'the change after the reset', tail.line('stdout', (line) => line.includes(after.slug)))) as Change;
      expect(live).toMatchObject({ type: 'created', key: after.slug });
    } finally {
      spy.mockRestore();
      expect(await tail.stop('SIGINT')).toBe(0);
    }
  });

  it('deletes a comment and an article through the services: subscribed sockets see both go', async () => {
    const author = await registerUser(api.baseUrl, 'moderated');
    const article = await createArticle(api.baseUrl, author, `To moderate ${Date.now()}`);
    const { id } = await comment(api, author.token, article.slug, 'spam spam spam');
    const socket = await FrameReader.open(api.wsUrl);
    socket.send({ event: 'subscribe', data: { topic: `articles/${article.slug}/comments` } });
    socket.send({ event: 'subscribe', data: { topic: 'articles' } });
    await socket.next('subscribed', (frame) => frame.data.topic === 'articles');

    const deletedComment = await runCli(['comments', 'delete', String(id)], env);
    expect(deletedComment).toMatchObject({ code: 0, stdout: `deleted comment ${id} of ${article.slug}\n` });
    const commentGone = await socket.next('change', (frame) => frame.data.entity === 'comment');
    expect(commentGone.data).toMatchObject({ type: 'deleted', key: String(id), data: null });

    expect((await runCli(['articles', 'delete', article.slug], env)).code).toBe(0);
    const articleGone = await socket.next('change', (frame) => frame.data.key === article.slug);
    expect(articleGone.data).toMatchObject({ type: 'deleted', entity: 'article', data: null });
    expect((await fetch(`${api.baseUrl}/api/articles/${article.slug}`)).status).toBe(404);
    await socket.close();
  });

  it('promotes an admin, who may then delete any article over REST; a demoted one may not', async () => {
    const author = await registerUser(api.baseUrl, 'writer');
    const moderator = await registerUser(api.baseUrl, 'mod');
    const first = await createArticle(api.baseUrl, author, `First ${Date.now()}`);
    const second = await createArticle(api.baseUrl, author, `Second ${Date.now()}`);
    const remove = (slug: string) => fetch(`${api.baseUrl}/api/articles/${slug}`, { method: 'DELETE', headers: { authorization: `Token ${moderator.token}` } });

    expect((await remove(first.slug)).status).toBe(403);
    expect(await runCli(['users', 'promote', moderator.username], env)).toMatchObject({ code: 0, stdout: `${moderator.username} is now an admin\n` });
    const shown = JSON.parse((await runCli(['users', 'show', moderator.username], env)).stdout) as { role: string };
    expect(shown.role).toBe('admin');
    expect((await remove(first.slug)).status).toBe(204);

    expect((await runCli(['users', 'demote', moderator.username], env)).code).toBe(0);
    expect((await remove(second.slug)).status).toBe(403);
    const listed = (await runCli(['users', 'list', '--json'], env)).stdout.trim().split('\n').map((line) => JSON.parse(line) as { username: string });
    expect(listed.map((user) => user.username)).toEqual(expect.arrayContaining([author.username, moderator.username]));
  });

  it('says what went wrong, with exit code 1', async () => {
    expect(await runCli(['articles', 'delete', 'no-such-article'], env)).toMatchObject({ code: 1, stderr: 'error: article not found\n' });
    expect(await runCli(['comments', 'delete', 'abc'], env)).toMatchObject({ code: 1, stderr: 'error: a comment id is a whole number, got "abc"\n' });
    expect(await runCli(['seed', '--articles', 'many'], env)).toMatchObject({ code: 1 });
    expect((await runCli(['frobnicate'], env)).code).toBe(1);
  });
});

describe('admin CLI without a store', () => {
  // Eight CLI starts: on a loaded machine they take longer than the default minute.
  it('prints help for every command, needing no database', async () => {
    const commands = [['--help'], ['migrate', '--help'], ['seed', '--help'], ['tail', '--help'], ['users', '--help'], ['users', 'promote', '--help'], ['articles', '--help'], ['comments', 'delete', '--help']];
    const results = await Promise.all(commands.map((args) => runCli(args, { DATABASE_URL: 'postgres://127.0.0.1:1/nowhere' })));
    expect(results.map((result, i) => ({ args: commands[i], code: result.code, usage: result.stdout.includes('Usage:') }))).toEqual(
      commands.map((args) => ({ args, code: 0, usage: true })),
    );
  }, 180_000);

  it('fails with a clear message when the database is unreachable', async () => {
    const result = await runCli(['users', 'list'], { DATABASE_URL: 'postgres://127.0.0.1:1/nowhere' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: cannot open the database (postgres 127.0.0.1:1/nowhere): connect ECONNREFUSED 127.0.0.1:1\n');
  });

  it('refuses a bad configuration naming the variable', async () => {
    const result = await runCli(['users', 'list'], { PORT: 'eighty' });
    expect(result).toMatchObject({ code: 1, stderr: 'error: bad configuration: PORT must be an integer from 0 to 65535, got "eighty"\n' });
  });
});

describe.each(availableStores())('admin CLI migrations on a fresh %s store', (store) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void> | void;

  beforeAll(async () => {
    if (store === 'postgres') {
      const { schema, drop } = await createSchema();
      env = { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: schema, DATA_DIR: mkdtempSync(join(tmpdir(), 'conduit-admin-')) };
      cleanup = drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), 'conduit-admin-'));
      env = { DATA_DIR: dataDir, DATABASE_URL: '' };
      cleanup = () => rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(() => cleanup());

  it('shows, runs and reverts migrations', async () => {
    // Every migration the app has, so that a new one needs no edit here.
    const names = migrations.map((migration) => migration.name);
    const last = names[names.length - 1];
    const listing = (applied: (name: string) => boolean) => names.map((name) => `[${applied(name) ? 'X' : ' '}] ${name}\n`).join('');
    const show = async () => (await runCli(['migrate', 'show'], env)).stdout;
    expect(await show()).toBe(listing(() => false));
    expect((await runCli(['migrate', 'run'], env)).stdout).toBe(names.map((name) => `applied ${name}\n`).join(''));
    expect((await runCli(['migrate', 'run'], env)).stdout).toBe('up to date: no pending migration\n');
    expect((await runCli(['migrate', 'revert'], env)).stdout).toBe(`reverted ${last}\n`);
    expect(await show()).toBe(listing((name) => name !== last));
    // Any other command brings the schema up to date first, as the server does on start.
    expect((await runCli(['users', 'list'], env)).code).toBe(0);
    expect(await show()).toBe(listing(() => true));
  });
});
