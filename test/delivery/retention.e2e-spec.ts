import request from 'supertest';
import { DataSource } from 'typeorm';
import { StreamChangeEntity, StreamRetention } from '@conduit/live-server';
import { availableStores } from '../support/stores';
import { FrameReader } from '../support/frame-reader';
import { createArticle, registerUser } from '../support/realworld-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe.each(availableStores())('retention of the change stream on %s', (store) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(store);
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

  it('answers a cursor older than the kept changes with reset, and serves the newest cursor on', async () => {
    const author = await registerUser(app.baseUrl, 'old');
    const before = (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;
    await createArticle(app.baseUrl, author, 'Old news one');
    await createArticle(app.baseUrl, author, 'Old news two');
    const head = (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;

    // Everything is past its time a year from now; the newest change stays, as it holds the head.
    const removed = await app.app.get(StreamRetention).prune(new Date(Date.now() + 365 * 24 * 3600 * 1000));
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
});
