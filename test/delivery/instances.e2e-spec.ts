import { firstValueFrom, filter } from 'rxjs';
import { ChangeBus } from '@conduit/live-server/testing';
import { FrameReader } from '../support/frame-reader';
import { createSchema, postgresProblem } from '../support/postgres';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { redisProblem, testRedisUrl, uniqueChannel } from '../support/redis';
import { requireOrSkip } from '../support/service-availability';
import { within } from '../support/api-cluster';
import { TcpProxy } from '../support/tcp-proxy';
import { startTestApp, type TestApp } from '../support/test-app';

const problems = [postgresProblem(), redisProblem()].filter(Boolean).join('; ');
const describeWithServices = requireOrSkip('PostgreSQL and Redis', problems === '', problems) ? describe : describe.skip;

/** Resolves when the instance's bus reports `connected`. */
const busIs = (instance: TestApp, connected: boolean) =>
  firstValueFrom(instance.app.get(ChangeBus).connected$.pipe(filter((state) => state === connected)));

describeWithServices('several API instances on one Postgres and Redis', () => {
  const instances: TestApp[] = [];
  const readers: FrameReader[] = [];
  let dropSchema: () => Promise<void>;
  let proxy: TcpProxy;
  let author: Account;

  const subscribe = async (app: TestApp, cursor?: string) => {
    const reader = await FrameReader.open(app.wsUrl);
    readers.push(reader);
    reader.send({ event: 'subscribe', data: cursor ? { topic: 'articles', cursor } : { topic: 'articles' } });
    await reader.next('subscribed');
    return reader;
  };

  beforeAll(async () => {
    const { schema, drop } = await createSchema();
    dropSchema = drop;
    const redis = new URL(testRedisUrl);
    proxy = await TcpProxy.start(redis.hostname, Number(redis.port || 6379));
    const shared = { DATABASE_SCHEMA: schema, REDIS_CHANNEL: uniqueChannel(), JWT_SECRET: 'one secret shared by every instance of this test', STREAM_POLL_INTERVAL_MS: '100' };
    // Instance 0 migrates the schema before the others start, as a rolling deploy would.
    instances.push(await startTestApp('postgres', { ...shared, REDIS_URL: testRedisUrl }));
    instances.push(await startTestApp('postgres', { ...shared, REDIS_URL: testRedisUrl }));
    // Instance 2 reaches Redis through a proxy the test can cut.
    instances.push(await startTestApp('postgres', { ...shared, REDIS_URL: `redis://127.0.0.1:${proxy.port}` }));
    await Promise.all(instances.map((instance) => busIs(instance, true)));
    author = await registerUser(instances[0].baseUrl, 'multi');
  });
  afterAll(async () => {
    await Promise.all(readers.map((reader) => reader.close()));
    for (const instance of instances.reverse()) await instance.close();
    await proxy.close();
    await dropSchema();
  });

  it('delivers a change written through one instance to subscribers on the others', async () => {
    const [second, third] = [await subscribe(instances[1]), await subscribe(instances[2])];
    const article = await createArticle(instances[0].baseUrl, author, 'Written on instance zero');
    expect((await second.next('change')).data.key).toBe(article.slug);
    expect((await third.next('change')).data.key).toBe(article.slug);
  });

  it('resumes a client on another instance from its cursor without loss', async () => {
    const first = await subscribe(instances[1]);
    const seen = await createArticle(instances[0].baseUrl, author, 'Seen before the move');
    const cursor = (await first.next('change')).data.cursor;
    await first.close();
    const missed = [await createArticle(instances[2].baseUrl, author, 'Missed one'), await createArticle(instances[0].baseUrl, author, 'Missed two')];

    const moved = await subscribe(instances[2], cursor);
    for (const article of missed) expect((await moved.next('change')).data.key).toBe(article.slug);
    expect(moved.changes().map((change) => change.key)).not.toContain(seen.slug);
  });

  it('keeps delivering by polling the store while Redis is away, and goes back on the bus when it returns', async () => {
    const reader = await subscribe(instances[2]);
    proxy.cut();
    await busIs(instances[2], false);

    const duringOutage = await createArticle(instances[0].baseUrl, author, 'Written while Redis is away');
    expect((await reader.next('change')).data.key).toBe(duringOutage.slug);

    proxy.restore();
    await busIs(instances[2], true);
    const afterOutage = await createArticle(instances[1].baseUrl, author, 'Written after Redis returned');
    expect((await reader.next('change')).data.key).toBe(afterOutage.slug);
    expect(reader.changes().map((change) => change.key)).toEqual([duringOutage.slug, afterOutage.slug]);
  });

  it('a writer cut off from Redis is not ready, and what it writes meanwhile still reaches every reader, on its instance and the others', async () => {
    const writer = instances[2];
    const ready = async () => {
      const res = await fetch(`${writer.baseUrl}/api/health/ready`);
      return { status: res.status, body: await res.json() };
    };
    const readers = [await subscribe(instances[0]), await subscribe(instances[1]), await subscribe(writer)];
    expect((await ready()).status).toBe(200);

    proxy.cut();
    await busIs(writer, false);
    expect(await ready()).toEqual({ status: 503, body: expect.objectContaining({ status: 'error', error: { bus: { status: 'down', bus: 'redis' } } }) });
    const duringOutage = await createArticle(writer.baseUrl, author, 'Written by the instance Redis lost');
    for (const [i, reader] of readers.entries()) {
      expect((await within(15_000, `reader ${i} getting the change written during the outage`, reader.next('change'))).data.key).toBe(duringOutage.slug);
    }

    proxy.restore();
    await busIs(writer, true);
    expect(await ready()).toMatchObject({ status: 200, body: { status: 'ok', info: { bus: { status: 'up' } } } });
    const afterOutage = await createArticle(writer.baseUrl, author, 'Written by that instance once Redis returned');
    for (const reader of readers) {
      expect((await reader.next('change')).data.key).toBe(afterOutage.slug);
      expect(reader.changes().map((change) => change.key)).toEqual([duringOutage.slug, afterOutage.slug]);
    }
  });
});
