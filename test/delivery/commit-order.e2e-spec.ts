import request from 'supertest';
import { DataSource } from 'typeorm';
import { StreamChangeEntity } from '@conduit/live-server';
import { ArticleEntity } from '../../apps/api/src/articles/article.entity';
import { UserEntity } from '../../apps/api/src/users/user.entity';
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

describeOnPostgres('cursors grow in commit order on PostgreSQL', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('postgres');
  });
  afterAll(() => app.close());

  /** The first change a subscriber resuming from `cursor` gets, over the socket or its server-sent event fallback. */
  const firstChangeAfter: Record<string, (cursor: string) => Promise<unknown>> = {
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

  it.each(Object.keys(firstChangeAfter))('still delivers a change that committed after a later-started one was read, over %s', async (transport) => {
    const author = await registerUser(app.baseUrl, 'slow');
    const dataSource = app.app.get(DataSource);

    // A inserts and waits, holding its transaction open.
    const a = dataSource.createQueryRunner();
    await a.connect();
    await a.startTransaction();
    const user = await a.manager.findOneByOrFail(UserEntity, { username: author.username });
    const now = new Date();
    await a.manager.save(
      a.manager.create(ArticleEntity, {
        slug: `held-open-${Date.now()}`,
        title: 'Held open',
        description: 'A',
        body: 'A',
        tagList: [],
        authorId: user.id,
        author: user,
        favoritesCount: 0,
        createdAt: now,
        updatedAt: now,
      }),
    );

    // B inserts and commits meanwhile; a subscriber reads and takes its cursor.
    const b = await createArticle(app.baseUrl, author, 'Committed first');
    const snapshot = await request(app.baseUrl).get('/api/articles').expect(200);
    const cursor = snapshot.headers['x-stream-cursor'] as string;
    expect(snapshot.body.articles[0].slug).toBe(b.slug);

    // A commits; the subscriber resumes from its cursor and must get A.
    await a.commitTransaction();
    await a.release();
    expect(await firstChangeAfter[transport](cursor)).toMatchObject({ type: 'created', data: { title: 'Held open' } });
  });

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
