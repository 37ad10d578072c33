import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { DataSource, type EntityManager } from 'typeorm';
import { ChangeStream, StreamChangeEntity, StreamRetention, StreamTailer } from '@conduit/live-server/testing';
import { ACCOUNTS_TOPIC } from '../../apps/api/src/users/account-change.subscriber';
import { UserEntity } from '../../apps/api/src/users/user.entity';
import { within } from '../support/api-cluster';
import { availableStores } from '../support/stores';
import { EventStreamReader } from '../support/event-stream-reader';
import { FrameReader } from '../support/frame-reader';
import { createArticle, registerUser } from '../support/realworld-client';
import { startTestApp, type TestApp } from '../support/test-app';

const stores = availableStores();
const aYearFromNow = () => new Date(Date.now() + 365 * 24 * 3600 * 1000);

describe.each(stores)('retention of the change stream on %s', (store) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(store);
  });
  afterAll(() => app.close());

  it('answers a cursor older than the kept changes with reset, and serves the newest cursor on', async () => {
    const author = await registerUser(app.baseUrl, 'old');
    const before = (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;
    await createArticle(app.baseUrl, author, 'Old news one');
    await createArticle(app.baseUrl, author, 'Old news two');
    const head = (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;

    // Everything is past its time a year from now; the newest change stays, as it holds the head.
    const removed = await app.app.get(StreamRetention).prune(aYearFromNow());
    expect(removed).toBeGreaterThan(0);

    const stale = await FrameReader.open(app.wsUrl);
    stale.send({ event: 'subscribe', data: { topic: 'articles', cursor: before } });
    expect((await stale.next('reset')).data).toEqual({ topic: 'articles', reason: `cursor ${before} is older than the changes kept` });
    await stale.close();

    const fresh = await FrameReader.open(app.wsUrl);
    fresh.send({ event: 'subscribe', data: { topic: 'articles', cursor: head } });
    expect((await fresh.next('subscribed')).data.cursor).toBe(head);
    const next = await createArticle(app.baseUrl, author, 'Fresh news');
    expect((await fresh.next('change')).data.key).toBe(next.slug);
    await fresh.close();
  });

  /** What a subscriber resuming from `cursor` gets first: `reset`, or a change; and the changes it got. */
  const firstAnswerAfter: Record<string, (cursor: string) => Promise<{ first: unknown; changes: unknown[] }>> = {
    '/ws': async (cursor) => {
      const reader = await FrameReader.open(app.wsUrl);
      try {
        reader.send({ event: 'subscribe', data: { topic: 'articles', cursor } });
        expect((await reader.next('subscribed')).data.cursor).toBe(cursor);
        const first = await within(15_000, 'reset or a change', reader.nextWhere((frame) => frame.event === 'reset' || frame.event === 'change'));
        return { first, changes: reader.changes() };
      } finally {
        await reader.close();
      }
    },
    '/api/live': async (cursor) => {
      const reader = await EventStreamReader.open(`${app.baseUrl}/api/live?topic=articles&cursor=${cursor}`);
      try {
        const { event, data } = await within(15_000, 'reset or a change', Promise.race([reader.next('reset'), reader.next('change')]));
        // Its only topic reset, the stream ends: the client fetches a snapshot and starts anew.
        if (event === 'reset') await within(15_000, 'the end of the stream', reader.ended);
        return { first: { event, data }, changes: reader.changes() };
      } finally {
        reader.close();
      }
    },
  };

  it.each(Object.keys(firstAnswerAfter))('answers reset, never a silent gap, when a prune lands between the floor check and the replay read (over %s)', async (transport) => {
    const author = await registerUser(app.baseUrl, 'raced');
    const from = (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;
    for (const title of ['Pruned mid-replay one', 'Pruned mid-replay two', 'Kept as the head']) await createArticle(app.baseUrl, author, title);

    // The subscription passes the floor check; then, just before its first page is read, retention
    // removes everything but the head.
    const stream = app.app.get(ChangeStream);
    const readAfter = stream.readAfter.bind(stream);
    const spy = jest.spyOn(stream, 'readAfter').mockImplementationOnce(async (topic, cursor, limit) => {
      expect(await app.app.get(StreamRetention).prune(aYearFromNow())).toBeGreaterThan(0);
      return readAfter(topic, cursor, limit);
    });
    try {
      const { first, changes } = await firstAnswerAfter[transport](from);
      expect(first).toEqual({ event: 'reset', data: { topic: 'articles', reason: `cursor ${from} is older than the changes kept` } });
      expect(changes).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });

  /**
   * Just before the tailer's next read, `write` commits changes the tailer was never told of and
   * retention removes all but the newest; then the tailer catches up.
   */
  const tailerCatchesUpAfterLosing = async (write: (manager: EntityManager) => Promise<unknown>) => {
    const stream = app.app.get(ChangeStream);
    const readAllAfter = stream.readAllAfter.bind(stream);
    const spy = jest.spyOn(stream, 'readAllAfter').mockImplementationOnce(async (after, limit) => {
      await app.app.get(DataSource).transaction(write);
      expect(await app.app.get(StreamRetention).prune(aYearFromNow())).toBeGreaterThan(0);
      return readAllAfter(after, limit);
    });
    try {
      await app.app.get(StreamTailer).catchUp();
    } finally {
      spy.mockRestore();
    }
  };

  it('resets the live subscribers, never a silent gap, when a prune passes the tailer before it reads', async () => {
    const reader = await FrameReader.open(app.wsUrl);
    try {
      reader.send({ event: 'subscribe', data: { topic: 'articles' } });
      const { cursor } = (await reader.next('subscribed')).data;

      // Just before the tailer reads, changes it was never told of are committed (so it is behind
      // them), and retention removes all of them but the head.
      await tailerCatchesUpAfterLosing(async (manager) => {
        const unnoticed = ['one', 'two', 'head'].map((key) => ({ topic: 'articles', type: 'created' as const, entity: 'article', key: `unnoticed-${key}`, audience: null, payload: null, createdAt: new Date() }));
        await manager.insert(StreamChangeEntity, unnoticed);
      });

      const first = await within(15_000, 'reset or a change', reader.nextWhere((frame) => frame.event === 'reset' || frame.event === 'change'));
      expect(first).toEqual({ event: 'reset', data: { topic: 'articles', reason: `cursor ${cursor} is older than the changes kept` } });
      expect(reader.changes()).toEqual([]);
    } finally {
      await reader.close();
    }
  });

  it('checks every signed-in socket again when a prune passes the tailer: a revocation in the lost changes still signs it out', async () => {
    const account = await registerUser(app.baseUrl, 'revoked');
    const { sub } = new JwtService().decode<{ sub: string }>(account.token);
    const reader = await FrameReader.open(app.wsUrl);
    try {
      reader.send({ event: 'auth', data: { token: account.token } });
      await reader.next('authenticated');

      // Another instance revoked the account's tokens (a password change) in changes that retention
      // removed before this instance's tailer read them.
      await tailerCatchesUpAfterLosing(async (manager) => {
        await manager.increment(UserEntity, { id: Number(sub) }, 'tokenVersion', 1);
        await manager.insert(StreamChangeEntity, [
          { topic: ACCOUNTS_TOPIC, type: 'updated', entity: 'user', key: sub, audience: sub, payload: null, createdAt: new Date() },
          { topic: 'articles', type: 'created', entity: 'article', key: 'unnoticed-head-after-revocation', audience: null, payload: null, createdAt: new Date() },
        ]);
      });

      expect((await within(15_000, 'the socket signed out', reader.next('error', (frame) => frame.data.event === 'auth'))).data.code).toBe('UNAUTHORIZED');
    } finally {
      await reader.close();
    }
  });
});

// A change row written and rolled back uses up its id only where ids come from a sequence that a
// rollback does not return: Postgres. (SQLite hands the same id out again, so no gap can occur there.)
(stores.includes('postgres') ? describe : describe.skip)('retention of the change stream with a gap in the ids (postgres)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app.close());

  it('does not mistake a gap in the ids for pruned changes', async () => {
    const cursor = (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;
    // A change row written and rolled back still uses up its id on Postgres: the stream has a gap.
    const runner = app.app.get(DataSource).createQueryRunner();
    await runner.startTransaction();
    await runner.manager.insert(StreamChangeEntity, { topic: 'articles', type: 'created', entity: 'article', key: 'rolled-back', audience: null, payload: null, createdAt: new Date() });
    await runner.rollbackTransaction();
    await runner.release();
    const article = await createArticle(app.baseUrl, await registerUser(app.baseUrl, 'gap'), 'After the gap');

    const reader = await FrameReader.open(app.wsUrl);
    reader.send({ event: 'subscribe', data: { topic: 'articles', cursor } });
    await reader.next('subscribed');
    expect((await reader.next('change')).data.key).toBe(article.slug);
    await reader.close();
  });
});
