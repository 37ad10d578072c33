import request from 'supertest';
import { DataSource } from 'typeorm';
import { StreamChangeEntity } from '@conduit/live-server/testing';
import { within } from '../support/api-cluster';
import { CommitGate } from '../support/commit-gate';
import { EventStreamReader } from '../support/event-stream-reader';
import { FrameReader } from '../support/frame-reader';
import { postgresProblem } from '../support/postgres';
import { createArticle, registerUser } from '../support/realworld-client';
import { requireOrSkip } from '../support/service-availability';
import { startTestApp, type TestApp } from '../support/test-app';

// Commit order versus id order only differs where writers run concurrently: PostgreSQL. (SQLite has
// one writer; a transaction held open there blocks every other writer, so this scenario cannot arise.)
const problem = postgresProblem();
const describeOnPostgres = requireOrSkip('PostgreSQL', problem === null, problem ?? '') ? describe : describe.skip;

// The control run, which must fail: STREAM_COMMIT_ORDER_LOCK=false npm run jest -- test/delivery/commit-order.e2e-spec.ts
const commitOrderLock = process.env.STREAM_COMMIT_ORDER_LOCK ?? 'true';

describeOnPostgres(`cursors grow in commit order on PostgreSQL (STREAM_COMMIT_ORDER_LOCK=${commitOrderLock})`, () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('postgres', { STREAM_COMMIT_ORDER_LOCK: commitOrderLock });
  });
  afterAll(() => app.close());

  /** The first change a subscriber resuming from `cursor` gets, over the socket or its server-sent event fallback. */
  const firstChangeAfter: Record<string, (cursor: string) => Promise<{ key: string }>> = {
    '/ws': async (cursor) => {
      const reader = await FrameReader.open(app.wsUrl);
      reader.send({ event: 'subscribe', data: { topic: 'articles', cursor } });
      await reader.next('subscribed');
      const change = (await reader.next('change')).data;
      await reader.close();
      return change;
    },
    '/api/live': async (cursor) => {
      const reader = await EventStreamReader.open(`${app.baseUrl}/api/live?topic=articles&cursor=${cursor}`);
      try {
        return (await reader.next('change')).data;
      } finally {
        reader.close();
      }
    },
  };

  it.each(Object.keys(firstChangeAfter))(
    'a change held between its stream insert and COMMIT reaches readers before a later write that tried to commit meanwhile (resuming over %s)',
    async (transport) => {
      const marker = `Held at commit ${transport}`;
      const gate = await CommitGate.install(app.config.databaseSchema!, marker);
      try {
        const author = await registerUser(app.baseUrl, 'held');
        const live = await FrameReader.open(app.wsUrl);
        live.send({ event: 'subscribe', data: { topic: 'articles' } });
        await live.next('subscribed');

        // A has written its change row (its id is taken) and waits before COMMIT.
        const a = createArticle(app.baseUrl, author, marker);
        const held = await within(15_000, 'A held before COMMIT', gate.held());
        // B, started later, either commits (nothing orders it behind A) or waits for A's commit-order lock.
        const b = createArticle(app.baseUrl, author, 'Started after A');
        await within(15_000, 'B committed or waiting behind A', gate.firstWaiterOn(held, b));
        // A reader takes its snapshot now, while A is still uncommitted.
        const cursor = (await request(app.baseUrl).get('/api/articles').expect(200)).headers['x-stream-cursor'] as string;

        await gate.release();
        const written = [await a, await b, await createArticle(app.baseUrl, author, 'Written last')];
        const last = written[2].slug;
        await within(15_000, 'the live reader getting the last write', live.next('change', (change) => change.data.key === last));
        // Followed live: every change, in the order of the cursors, and A's before B's.
        expect(live.changes().map((change) => change.key)).toEqual(written.map((article) => article.slug));
        // Resumed from the snapshot taken while A was held: A is not lost behind a bigger cursor.
        expect((await within(15_000, 'the first change after the snapshot', firstChangeAfter[transport](cursor))).key).toBe(written[0].slug);
        await live.close();
      } finally {
        await gate.close();
      }
    },
    60_000,
  );

  it('never lets a reader see a cursor before a smaller one has committed, under concurrent writers', async () => {
    const writers = await Promise.all([1, 2, 3, 4].map((n) => registerUser(app.baseUrl, `racer${n}`)));
    const dataSource = app.app.get(DataSource);
    const seen = new Set<string>();
    let highest = 0n;
    const lateArrivals: string[] = [];
    let writing = true;

    const read = async () => {
      const rows = await dataSource.getRepository(StreamChangeEntity).createQueryBuilder('change').select('change.id', 'id').orderBy('change.id').getRawMany<{ id: string }>();
      for (const { id } of rows) {
        if (seen.has(id)) continue;
        seen.add(id);
        // A new id below one already seen appeared later: it committed behind a bigger cursor.
        if (BigInt(id) < highest) lateArrivals.push(id);
      }
      for (const { id } of rows) if (BigInt(id) > highest) highest = BigInt(id);
    };
    const reader = (async () => {
      while (writing) await read();
    })();
    await Promise.all(writers.map(async (writer) => {
      for (let i = 0; i < 15; i++) await createArticle(app.baseUrl, writer, `Race ${writer.username} ${i}`);
    }));
    writing = false;
    await reader;
    await read();
    expect(lateArrivals).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(60);
  });
});
