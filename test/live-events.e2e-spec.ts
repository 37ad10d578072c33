import { connect } from 'node:net';
import request from 'supertest';
import { LiveEventStreams } from '@conduit/live-server';
import { StreamRetention } from '@conduit/live-server/testing';
import { EventStreamReader } from './support/event-stream-reader';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { createSchema, postgresProblem } from './support/postgres';
import { redisProblem, testRedisUrl, uniqueChannel } from './support/redis';
import { requireOrSkip } from './support/service-availability';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

/** GET /api/live, the server-sent event fallback of /ws (PROTOCOL.md, "Server-sent events"). */
describe.each(availableStores())('GET /api/live on %s', (store) => {
  let app: TestApp;
  let author: Account;
  const readers: EventStreamReader[] = [];

  const headCursor = async () => (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;
  const open = async (query: string, headers: Record<string, string> = {}) => {
    const reader = await EventStreamReader.open(`${app.baseUrl}/api/live?${query}`, headers);
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    app = await startTestApp(store);
    author = await registerUser(app.baseUrl, 'sse');
  });
  afterEach(() => readers.splice(0).forEach((reader) => reader.close()));
  afterAll(() => app.close());

  it('replays the changes after a cursor, then goes live, uncompressed and unbuffered by proxies', async () => {
    const cursor = await headCursor();
    const missed = await createArticle(app.baseUrl, author, 'Written before the stream');

    const reader = await open(`topic=articles&cursor=${cursor}`, { 'accept-encoding': 'gzip' });
    expect(reader.response.status).toBe(200);
    expect(reader.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(reader.response.headers.get('content-encoding')).toBeNull();
    expect(reader.response.headers.get('x-accel-buffering')).toBe('no');
    expect((await reader.next('change')).data).toMatchObject({ topic: 'articles', type: 'created', entity: 'article', key: missed.slug });
    const live = await createArticle(app.baseUrl, author, 'Written while streaming');
    const change = await reader.next('change');
    expect(change.data.key).toBe(live.slug);
    expect(change.id).toBe(change.data.cursor);
  });

  it('announces where it starts, so that a reconnect without a change seen still resumes there', async () => {
    const head = await headCursor();
    const reader = await open('topic=articles');
    expect((await reader.next('')).id).toBe(head);
  });

  it('resumes by Last-Event-ID with nothing lost or doubled while others write', async () => {
    const cursor = await headCursor();
    const writers = await Promise.all([registerUser(app.baseUrl, 'w1'), registerUser(app.baseUrl, 'w2'), registerUser(app.baseUrl, 'w3')]);
    const first = await open(`topic=articles&cursor=${cursor}`);
    const writing = Promise.all(writers.map(async (writer) => {
      const slugs: string[] = [];
      for (let n = 0; n < 6; n++) slugs.push((await createArticle(app.baseUrl, writer, `Concurrent ${writer.username} ${n}`)).slug);
      return slugs;
    }));
    await first.next('change');
    await first.next('change');
    first.close();
    await first.ended;
    const resumeFrom = first.lastEventId!;

    // The URL's cursor is older: Last-Event-ID, as EventSource sends it on reconnect, wins.
    const second = await open(`topic=articles&cursor=${cursor}`, { 'last-event-id': resumeFrom });
    const written = (await writing).flat();
    const seen = [...first.changes(), ...(await Promise.all(written.slice(0, written.length - first.changes().length).map(() => second.next('change')))).map((event) => event.data)];
    expect(seen.map((change) => change.key).sort()).toEqual([...written].sort());
    const cursors = seen.map((change) => BigInt(change.cursor));
    expect(cursors).toEqual([...cursors].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(cursors).size).toBe(cursors.length);
  });

  it('answers a cursor older than the changes kept with reset, and ends', async () => {
    const before = await headCursor();
    await createArticle(app.baseUrl, author, 'Soon pruned one');
    await createArticle(app.baseUrl, author, 'Soon pruned two');
    expect(await app.app.get(StreamRetention).prune(new Date(Date.now() + 365 * 24 * 3600 * 1000))).toBeGreaterThan(0);

    const reader = await open('topic=articles', { 'last-event-id': before });
    expect((await reader.next('reset')).data).toEqual({ topic: 'articles', reason: `cursor ${before} is older than the changes kept` });
    await reader.ended;
  });

  it('refuses feed without a session (401) and serves it with a token', async () => {
    const refused = await request(app.baseUrl).get('/api/live?topic=feed').expect(401);
    expect(refused.body).toEqual({ errors: { token: [expect.any(String)] } });

    const followed = await registerUser(app.baseUrl, 'followed');
    const reader = await registerUser(app.baseUrl, 'follower');
    await request(app.baseUrl).post(`/api/profiles/${followed.username}/follow`).set('authorization', `Token ${reader.token}`).expect(200);
    const feed = await open('topic=feed', { authorization: `Token ${reader.token}` });
    await feed.next('');
    await createArticle(app.baseUrl, author, 'Not in the feed');
    const article = await createArticle(app.baseUrl, followed, 'In the feed');
    const change = await feed.next('change');
    expect(change.data).toMatchObject({ topic: 'feed', key: article.slug });
  });

  it.each([
    ['no topic', '', 'topic'],
    ['an unknown topic', 'topic=secrets', 'topic'],
    ['a topic that is not a string', 'topic[a]=articles', 'topic'],
    ['more topics than a socket may hold', Array.from({ length: 65 }, (_, n) => `topic=articles/a${n}/comments`).join('&'), 'topic'],
    ['a cursor that is not digits', 'topic=articles&cursor=12abc', 'cursor'],
    ['a negative cursor', 'topic=articles&cursor=-1', 'cursor'],
    ['two cursors', 'topic=articles&cursor=1&cursor=2', 'cursor'],
    ['a huge cursor', `topic=articles&cursor=${'9'.repeat(40)}`, 'cursor'],
  ])('answers %s with 400 in the RealWorld shape before any stream', async (_what, query, field) => {
    const res = await request(app.baseUrl).get(`/api/live?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual({ errors: { [field]: [expect.any(String)] } });
  });

  it('answers a Last-Event-ID that is not a cursor with 400', async () => {
    const res = await request(app.baseUrl).get('/api/live?topic=articles').set('last-event-id', 'x'.repeat(100)).expect(400);
    expect(res.body).toEqual({ errors: { cursor: [expect.any(String)] } });
  });
});

describe('GET /api/live against the sockets-per-address cap', () => {
  let app: TestApp;
  afterAll(() => app.close());

  it('counts streams with sockets and refuses one over the cap with 429, before the stream', async () => {
    app = await startTestApp('sqlite', { WS_MAX_SOCKETS_PER_ADDRESS: '1' });
    const held = await EventStreamReader.open(`${app.baseUrl}/api/live?topic=articles`);
    await held.next('');
    const res = await request(app.baseUrl).get('/api/live?topic=articles').expect(429);
    expect(res.body).toEqual({ errors: { live: [expect.any(String)] } });
    held.close();
  });
});

const clusterProblems = [postgresProblem(), redisProblem()].filter(Boolean).join('; ');
const describeWithServices = requireOrSkip('PostgreSQL and Redis', clusterProblems === '', clusterProblems) ? describe : describe.skip;

describeWithServices('GET /api/live across two instances on Postgres and Redis', () => {
  const instances: TestApp[] = [];
  let dropSchema: () => Promise<void>;

  beforeAll(async () => {
    const { schema, drop } = await createSchema();
    dropSchema = drop;
    const shared = { DATABASE_SCHEMA: schema, REDIS_URL: testRedisUrl, REDIS_CHANNEL: uniqueChannel(), JWT_SECRET: 'one secret shared by both instances of this test', STREAM_POLL_INTERVAL_MS: '100' };
    instances.push(await startTestApp('postgres', shared));
    instances.push(await startTestApp('postgres', shared));
  });
  afterAll(async () => {
    for (const instance of instances.reverse()) await instance.close();
    await dropSchema();
  });

  it('resumes on the other instance from the Last-Event-ID the first one gave', async () => {
    const [one, two] = instances;
    const author = await registerUser(one.baseUrl, 'moved');
    const first = await EventStreamReader.open(`${one.baseUrl}/api/live?topic=articles`);
    const seen = await createArticle(two.baseUrl, author, 'Seen on instance one');
    expect((await first.next('change')).data.key).toBe(seen.slug);
    first.close();
    await first.ended;
    const missed = [await createArticle(one.baseUrl, author, 'Missed one'), await createArticle(two.baseUrl, author, 'Missed two')];

    const moved = await EventStreamReader.open(`${two.baseUrl}/api/live?topic=articles`, { 'last-event-id': first.lastEventId! });
    for (const article of missed) expect((await moved.next('change')).data.key).toBe(article.slug);
    const live = await createArticle(one.baseUrl, author, 'Live after the move');
    expect((await moved.next('change')).data.key).toBe(live.slug);
    expect(moved.changes().map((change) => change.key)).not.toContain(seen.slug);
    moved.close();
  });
});

describe('GET /api/live with a reader that stops reading', () => {
  let app: TestApp;
  afterAll(() => app.close());

  it('drops that stream, as a socket gets 1013, while a reading stream gets every change', async () => {
    app = await startTestApp('sqlite', { WS_MAX_BUFFERED_BYTES: String(64 * 1024) });
    const author = await registerUser(app.baseUrl, 'bulk');
    const streams = app.app.get(LiveEventStreams);
    const { port } = new URL(app.baseUrl);
    const stalled = connect(Number(port), '127.0.0.1');
    stalled.write('GET /api/live?topic=articles HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await new Promise((resolve) => stalled.once('data', resolve));
    // It never reads again: what the server writes piles up in the socket buffers, then in the response.
    stalled.pause();
    const reading = await EventStreamReader.open(`${app.baseUrl}/api/live?topic=articles`);
    await reading.next('');

    const posted: string[] = [];
    // Each article is about 90 KB on the wire: the stalled stream passes its 64 KiB mark within a few hundred.
    while (streams.slowDrops === 0 && posted.length < 400) posted.push((await createArticle(app.baseUrl, author, `Bulk ${posted.length}`, [], 'x'.repeat(90_000))).slug);
    expect(streams.slowDrops).toBe(1);
    const received = await Promise.all(posted.map(() => reading.next('change')));
    expect(received.map((event) => event.data.key)).toEqual(posted);
    expect(streams.openStreams).toBe(1);
    reading.close();
    stalled.destroy();
  });
});
