import request from 'supertest';
import { DataSource } from 'typeorm';
import { LiveGateway, StreamChangeEntity } from '@conduit/live-server/testing';
import { FrameReader } from '../support/frame-reader';
import { createArticle, registerUser } from '../support/realworld-client';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';

const CHANGES = 5_000;
const PAYLOAD_BYTES = 4_000;
const MAX_BUFFERED_BYTES = 256 * 1024;

/** The next change that matches; fails at once if the server closes the socket first. */
function changeOrClose(reader: FrameReader, match: (change: ReturnType<FrameReader['changes']>[number]) => boolean): Promise<unknown> {
  const closed = reader.closed.then(({ code, reason }) => Promise.reject(new Error(`closed with ${code} (${reason}) after ${reader.changes().length} changes`)));
  // The close that ends the test rejects it too, after the race is decided.
  closed.catch(() => undefined);
  return Promise.race([reader.next('change', (frame) => match(frame.data)), closed]);
}

describe.each(availableStores())('replay pacing on %s', (store) => {
  let app: TestApp;
  const readers: FrameReader[] = [];

  beforeAll(async () => {
    app = await startTestApp(store, { WS_MAX_BUFFERED_BYTES: String(MAX_BUFFERED_BYTES) });
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => app.close());

  const cursorNow = async () => (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;

  /** 20 MB of history, written straight to the stream as a busy past would have left it. */
  const seedHistory = async () => {
    const rows = Array.from({ length: CHANGES }, (_, i) => ({
      topic: 'articles',
      type: 'updated' as const,
      entity: 'article',
      key: `history-${i}`,
      audience: null,
      createdAt: new Date(),
      payload: JSON.stringify({ slug: `history-${i}`, body: 'x'.repeat(PAYLOAD_BYTES) }),
    }));
    const changes = app.app.get(DataSource).getRepository(StreamChangeEntity);
    for (let i = 0; i < rows.length; i += 100) await changes.insert(rows.slice(i, i + 100));
  };

  it(`replays ${(CHANGES * PAYLOAD_BYTES) / 1e6} MB to a client that stopped reading at its pace instead of dropping it past ${MAX_BUFFERED_BYTES / 1024} KiB unsent, then goes live with no gap and no duplicate`, async () => {
    const from = await cursorNow();
    await seedHistory();
    const head = await cursorNow();

    const stalled = await FrameReader.open(app.wsUrl);
    readers.push(stalled);
    stalled.socket.pause();
    stalled.send({ event: 'subscribe', data: { topic: 'articles', cursor: from } });
    // A second replay of the same history asked after the first: when it has all arrived, the
    // stalled one has had its turns (they are taken in order) and met the full socket.
    const reading = await FrameReader.open(app.wsUrl);
    readers.push(reading);
    reading.send({ event: 'subscribe', data: { topic: 'articles', cursor: from } });
    await changeOrClose(reading, (change) => change.cursor === head);
    expect(reading.changes()).toHaveLength(CHANGES);

    stalled.socket.resume();
    await changeOrClose(stalled, (change) => change.cursor === head);
    const live = await createArticle(app.baseUrl, await registerUser(app.baseUrl, 'live'), 'After the replay');
    await changeOrClose(stalled, (change) => change.key === live.slug);

    const keys = stalled.changes().map((change) => change.key);
    expect(keys).toEqual([...Array.from({ length: CHANGES }, (_, i) => `history-${i}`), live.slug]);
    expect(app.app.get(LiveGateway).slowDrops).toBe(0);
  });
});
