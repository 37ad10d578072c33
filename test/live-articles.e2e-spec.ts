import request from 'supertest';
import WebSocket from 'ws';
import { MAX_FRAME_BYTES, compareCursors, type Article } from '@conduit/contract';
import { FrameReader } from './support/frame-reader';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

const writers = new WeakMap<TestApp, Promise<Account>>();
/** Posts as one writer per app, registered on first use. */
const post = async (app: TestApp, title: string): Promise<Article> => {
  if (!writers.has(app)) writers.set(app, registerUser(app.baseUrl, 'writer'));
  return createArticle(app.baseUrl, await writers.get(app)!, title);
};

const snapshotCursor = async (app: TestApp): Promise<string> => {
  const res = await request(app.baseUrl).get('/api/articles').expect(200);
  return res.headers['x-stream-cursor'] as string;
};

describe.each(availableStores())('live articles topic on %s', (store) => {
  let app: TestApp;
  const readers: FrameReader[] = [];
  const open = async (options?: WebSocket.ClientOptions) => {
    const reader = await FrameReader.open(app.wsUrl, options);
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    app = await startTestApp(store);
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => app.close());

  it('sends a subscribed socket the created article as RealWorld JSON, after the snapshot cursor', async () => {
    const cursor = await snapshotCursor(app);
    const reader = await open();
    reader.send({ event: 'subscribe', data: { topic: 'articles' } });
    const subscribed = await reader.next('subscribed');
    expect(subscribed.data).toEqual({ topic: 'articles', cursor });

    const article = await post(app, 'Fresh off the press');
    const change = await reader.next('change');
    expect(change.data).toEqual({
      topic: 'articles',
      cursor: expect.stringMatching(/^\d+$/),
      type: 'created',
      entity: 'article',
      key: article.slug,
      data: article,
    });
    expect(compareCursors(change.data.cursor, cursor)).toBe(1);
  });

  it('replays exactly the changes missed after an old cursor, in order, then goes live', async () => {
    const cursor = await snapshotCursor(app);
    const missed = [await post(app, 'Missed one'), await post(app, 'Missed two'), await post(app, 'Missed three')];

    const reader = await open();
    reader.send({ event: 'subscribe', data: { topic: 'articles', cursor } });
    expect((await reader.next('subscribed')).data).toEqual({ topic: 'articles', cursor });
    for (const article of missed) {
      expect((await reader.next('change')).data.key).toBe(article.slug);
    }
    const live = await post(app, 'Live after replay');
    expect((await reader.next('change')).data.key).toBe(live.slug);

    await reader.barrier();
    const cursors = reader.changes().map((change) => change.cursor);
    expect(reader.changes().map((change) => change.key)).toEqual([...missed, live].map((a) => a.slug));
    expect([...cursors].sort(compareCursors)).toEqual(cursors);
  });

  it('stops sending after unsubscribe', async () => {
    const reader = await open();
    reader.send({ event: 'subscribe', data: { topic: 'articles' } });
    await reader.next('subscribed');
    reader.send({ event: 'unsubscribe', data: { topic: 'articles' } });
    expect((await reader.next('unsubscribed')).data).toEqual({ topic: 'articles' });
    await post(app, 'Nobody is listening');
    await reader.barrier();
    expect(reader.changes()).toEqual([]);
  });

  it('answers a cursor ahead of the stream with reset', async () => {
    const reader = await open();
    reader.send({ event: 'subscribe', data: { topic: 'articles', cursor: '99999999999999999999' } });
    const reset = await reader.next('reset');
    expect(reset.data.topic).toBe('articles');
    expect(reset.data.reason).toMatch(/ahead/);
  });

  it.each([
    ['text that is not JSON', 'hello', { code: 'BAD_REQUEST', message: 'frame is not valid JSON' }],
    ['an unknown event', { event: 'shout', data: {} }, { code: 'BAD_REQUEST', message: 'unknown event "shout"', event: 'shout' }],
    ['a subscribe without topic', { event: 'subscribe', data: {} }, { code: 'BAD_REQUEST', message: 'data.topic must be a non-empty string', event: 'subscribe' }],
    ['a cursor that is not digits', { event: 'subscribe', data: { topic: 'articles', cursor: '-1' } }, { code: 'BAD_REQUEST', message: 'data.cursor must be a string of decimal digits', event: 'subscribe' }],
    ['an unknown topic', { event: 'subscribe', data: { topic: 'gossip' } }, { code: 'UNKNOWN_TOPIC', message: 'unknown topic "gossip"', event: 'subscribe' }],
  ])('answers %s with an error and keeps the socket open', async (_case, frame, error) => {
    const reader = await open();
    reader.send(frame);
    expect((await reader.next('error')).data).toEqual(error);
    reader.send({ event: 'subscribe', data: { topic: 'articles' } });
    await reader.next('subscribed');
  });

  it('closes a socket that sends a frame over 64 KiB with 1009 and keeps serving the others', async () => {
    const bystander = await open();
    bystander.send({ event: 'subscribe', data: { topic: 'articles' } });
    await bystander.next('subscribed');

    const offender = await open();
    offender.send({ event: 'subscribe', data: { topic: 'x'.repeat(MAX_FRAME_BYTES + 1024) } });
    expect((await offender.closed).code).toBe(1009);

    const article = await post(app, 'Still serving');
    expect((await bystander.next('change')).data.key).toBe(article.slug);
  });

  it('refuses the upgrade from a foreign origin with 403 and accepts its own origin', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(app.wsUrl, { origin: 'https://evil.example' });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => reject(new Error('a foreign origin was let in')));
    });
    expect(status).toBe(403);

    const own = await open({ origin: app.baseUrl });
    own.send({ event: 'subscribe', data: { topic: 'articles' } });
    await own.next('subscribed');
  });

  it('answers auth with a bad token with UNAUTHORIZED', async () => {
    const reader = await open();
    reader.send({ event: 'auth', data: { token: 'not-a-jwt' } });
    expect((await reader.next('error')).data).toEqual({ code: 'UNAUTHORIZED', message: 'invalid or expired token', event: 'auth' });
  });
});

describe('live socket guards', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('sqlite', { WS_MAX_FRAMES_PER_SECOND: '5', WS_PING_INTERVAL_MS: '1000' });
  });
  afterAll(() => app.close());

  it('closes a flooding client with 1008 after a RATE_LIMITED error', async () => {
    const reader = await FrameReader.open(app.wsUrl);
    for (let i = 0; i < 10; i++) reader.send({ event: 'unsubscribe', data: { topic: 'articles' } });
    const closed = await reader.closed;
    expect(closed.code).toBe(1008);
    expect(reader.frames.some((frame) => frame.event === 'error' && frame.data.code === 'RATE_LIMITED')).toBe(true);
  });

  it('pings sockets and terminates one that stops answering', async () => {
    const answering = await FrameReader.open(app.wsUrl);
    const silent = await FrameReader.open(app.wsUrl, { autoPong: false });
    let pings = 0;
    silent.socket.on('ping', () => (pings += 1));
    const closed = await silent.closed;
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(closed.code).toBe(1006);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    await answering.close();
  });
});
