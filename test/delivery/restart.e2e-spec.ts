import { CloseCode, compareCursors, type Article } from '@conduit/contract';
import { startApiCluster, within, type ApiCluster, type ClusterInstance } from '../support/api-cluster';
import { FrameReader } from '../support/frame-reader';
import { postgresProblem } from '../support/postgres';
import { redisProblem } from '../support/redis';
import { requireOrSkip } from '../support/service-availability';

const problems = [postgresProblem(), redisProblem()].filter(Boolean).join('; ');
const describeWithServices = requireOrSkip('PostgreSQL and Redis', problems === '', problems) ? describe : describe.skip;

async function register(instance: ClusterInstance, name: string): Promise<string> {
  const username = `${name}_${Math.random().toString(36).slice(2, 10)}`;
  const answer = await instance.request<{ user: { token: string } }>('POST', '/users', { user: { username, email: `${username}@example.com`, password: 'correct horse battery' } });
  if (answer.status !== 201) throw new Error(`register answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.user.token;
}

async function post(instance: ClusterInstance, token: string, title: string): Promise<Article> {
  const answer = await instance.request<{ article: Article }>('POST', '/articles', { article: { title, description: title, body: `# ${title}` } }, token);
  if (answer.status !== 201) throw new Error(`POST /api/articles answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.article;
}

async function subscribe(instance: ClusterInstance, cursor: string): Promise<FrameReader> {
  const reader = await FrameReader.open(instance.wsUrl);
  reader.send({ event: 'subscribe', data: { topic: 'articles', cursor } });
  const answer = await within(15_000, 'subscribed', reader.nextWhere((frame) => frame.event === 'subscribed' || frame.event === 'reset'));
  if (answer.event !== 'subscribed') throw new Error(`answered ${JSON.stringify(answer)}, not subscribed`);
  expect(answer.data.cursor).toBe(cursor);
  return reader;
}

/**
 * Waits for the change at `cursor`, then sends a bad frame and waits for its answer: frames on one
 * socket are in order, so after that answer nothing sent before it is still on the way.
 */
async function drainTo(reader: FrameReader, cursor: string, what: string): Promise<void> {
  if (cursor !== '0') await within(60_000, `${what}: change ${cursor}`, reader.next('change', (change) => compareCursors(change.data.cursor, cursor) >= 0));
  reader.send('barrier');
  await within(15_000, `${what}: barrier`, reader.next('error', (frame) => frame.data.message === 'frame is not valid JSON'));
}

const delivered = (reader: FrameReader) => reader.changes().map(({ cursor, key, type }) => ({ cursor, key, type }));

/** All article slugs the database holds, read page by page over REST. */
async function slugsInDatabase(instance: ClusterInstance): Promise<string[]> {
  const slugs: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const answer = await instance.request<{ articles: Article[]; articlesCount: number }>('GET', `/articles?limit=100&offset=${offset}`);
    expect(answer.status).toBe(200);
    slugs.push(...answer.body.articles.map((article) => article.slug));
    if (answer.body.articles.length < 100) return slugs;
  }
}

describeWithServices('delivery across a server restart (built API on Postgres and Redis)', () => {
  let cluster: ApiCluster | undefined;
  const readers: FrameReader[] = [];
  const track = (reader: FrameReader) => (readers.push(reader), reader);

  afterEach(async () => {
    for (const reader of readers.splice(0)) reader.socket.terminate();
    await cluster?.close();
    cluster = undefined;
  });

  it('closes sockets with 1001 on SIGTERM, exits 0, and a client resuming from its last cursor gets exactly what was committed meanwhile', async () => {
    cluster = await startApiCluster({ size: 1 });
    const [api] = cluster.instances;
    const token = await register(api, 'restart');
    await post(api, token, 'Before the snapshot');
    const first = await api.snapshotCursor();

    const reader = track(await subscribe(api, first));
    const before = [];
    for (let i = 0; i < 3; i++) before.push(await post(api, token, `Before the restart ${i}`));
    const beforeChanges = await cluster.committedChanges('articles', first);
    await drainTo(reader, beforeChanges[beforeChanges.length - 1].cursor, 'before the restart');
    expect(delivered(reader)).toEqual(beforeChanges);
    expect(beforeChanges.map((change) => change.key)).toEqual(before.map((article) => article.slug));
    const lastApplied = beforeChanges[beforeChanges.length - 1].cursor;

    const [close, exit] = await within(30_000, 'SIGTERM', Promise.all([reader.closed, api.stop()]));
    expect(close.code).toBe(CloseCode.GoingAway);

    await api.start();
    // Committed while the client was away: creates, an edit and a delete.
    const meanwhile = [];
    for (let i = 0; i < 3; i++) meanwhile.push(await post(api, token, `After the restart ${i}`));
    expect((await api.request('PUT', `/articles/${meanwhile[0].slug}`, { article: { body: 'edited after the restart' } }, token)).status).toBe(200);
    expect((await api.request('DELETE', `/articles/${before[0].slug}`, undefined, token)).status).toBe(204);
    const expected = await cluster.committedChanges('articles', lastApplied);
    expect(expected.map(({ key, type }) => `${type} ${key}`)).toEqual([
      ...meanwhile.map((article) => `created ${article.slug}`),
      `updated ${meanwhile[0].slug}`,
      `deleted ${before[0].slug}`,
    ]);

    const resumed = track(await subscribe(api, lastApplied));
    await drainTo(resumed, expected[expected.length - 1].cursor, 'after the restart');
    expect(delivered(resumed)).toEqual(expected);
    // Checked last so that the delivery checks above run whatever this says: a clean shutdown is
    // exit code 0 (and not death by the re-raised signal, status 143), which supervisors count as a success.
    expect(exit).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('after a SIGKILL exactly between a COMMIT and its publish, every client gets that change from the table', async () => {
    const halt = 'halted-between-commit-and-publish';
    cluster = await startApiCluster({ size: 2, env: { NODE_ENV: 'test', TEST_HALT_BEFORE_PUBLISH: halt } });
    const [victim, survivor] = cluster.instances;
    const token = await register(victim, 'halted');
    const first = await victim.snapshotCursor();
    const onVictim = track(await subscribe(victim, first));
    const onSurvivor = track(await subscribe(survivor, first));
    const before = await post(victim, token, 'Published before the halt');
    for (const reader of [onVictim, onSurvivor]) await within(15_000, 'the change before the halt', reader.next('change', (change) => change.data.key === before.slug));

    // The victim commits this write, prints where it stopped and freezes before publishing it.
    const halted = victim.nextLine(/halted between COMMIT and publish/);
    const cut = victim.request('POST', '/articles', { article: { title: 'Halted between commit and publish', description: 'd', body: 'b' } }, token).then(
      (answer) => `answered ${answer.status}`,
      () => 'cut',
    );
    const where = await within(30_000, 'the halt point', halted);
    const exit = await victim.kill();
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    // The write committed, was never published, and its caller never got an answer.
    expect(await cut).toBe('cut');
    const committed = await cluster.committedChanges('articles', first);
    const lost = committed[committed.length - 1];
    expect(lost.key.startsWith(halt)).toBe(true);
    expect(where).toContain(`after change ${lost.cursor} (${lost.key})`);

    // The other instance heard no notice: its tailer finds the change in the table.
    await drainTo(onSurvivor, lost.cursor, 'the surviving instance');
    expect(delivered(onSurvivor)).toEqual(committed);

    // The victim's client lost its socket with the process; after the restart it resumes from the
    // last cursor it applied and gets the change from the table, as does a client from the snapshot.
    await within(15_000, 'the victim socket closing', onVictim.closed);
    const lastApplied = onVictim.changes().at(-1)!.cursor;
    expect(lastApplied).toBe(committed[0].cursor);
    await victim.start();
    const resumed = track(await subscribe(victim, lastApplied));
    const fresh = track(await subscribe(victim, first));
    await drainTo(resumed, lost.cursor, 'resumed on the restarted instance');
    await drainTo(fresh, lost.cursor, 'from the snapshot on the restarted instance');
    expect(delivered(resumed)).toEqual(committed.slice(1));
    expect(delivered(fresh)).toEqual(committed);
  }, 120_000);

  it('after a SIGKILL mid-storm and a restart, a client resuming from its first cursor gets every committed article once, in cursor order, and nothing else', async () => {
    cluster = await startApiCluster({ size: 2 });
    const [victim, survivor] = cluster.instances;
    const tokens = await Promise.all([0, 1, 2, 3].map((i) => register(survivor, `storm${i}`)));
    const seed = await post(survivor, tokens[0], 'Seed before the snapshot');
    const first = await survivor.snapshotCursor();
    // Follows the storm live from the instance that stays up.
    const live = track(await subscribe(survivor, first));

    const acknowledged: string[] = [];
    const refused: string[] = [];
    let connectionErrors = 0;
    let killed = false;
    let reachedKillPoint!: () => void;
    const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));
    const writer = async (w: number): Promise<void> => {
      for (let n = 0; !killed; n++) {
        try {
          const answer = await victim.request<{ article: Article }>('POST', '/articles', { article: { title: `storm ${w} ${n}`, description: 'storm', body: 'x'.repeat(512) } }, tokens[w]);
          if (answer.status === 201) acknowledged.push(answer.body.article.slug);
          else refused.push(`${answer.status} ${JSON.stringify(answer.body)}`);
          if (acknowledged.length >= 60) reachedKillPoint();
        } catch {
          // The instance died under this request: it may or may not have committed; the database says.
          connectionErrors += 1;
          return;
        }
        // Paces the storm on a shared machine; not a synchronisation.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    };
    const writers = Promise.all([0, 1, 2, 3].map(writer));
    await within(60_000, 'storm reaching 60 acknowledged posts', killPoint);
    const exit = await victim.kill();
    killed = true;
    await writers;
    expect(exit).toEqual({ code: null, signal: 'SIGKILL' });
    expect(refused).toEqual([]);

    await victim.start();
    const afterRestart = await post(victim, tokens[1], 'After the crash');
    acknowledged.push(afterRestart.slug);

    const committed = await cluster.committedChanges('articles', first);
    const head = committed[committed.length - 1].cursor;
    const resumed = track(await subscribe(victim, first));
    await drainTo(resumed, head, 'resumed after the crash');
    await drainTo(live, head, 'live on the surviving instance');

    const database = (await slugsInDatabase(victim)).filter((slug) => slug !== seed.slug);
    for (const reader of [resumed, live]) {
      const changes = delivered(reader);
      // Exactly the committed rows, in cursor order, each once.
      expect(changes).toEqual(committed);
      expect(changes.every((change) => change.type === 'created')).toBe(true);
      const keys = changes.map((change) => change.key);
      expect(new Set(keys).size).toBe(keys.length);
      // The delivered set is the database's set: nothing that never committed, nothing missing.
      expect([...keys].sort()).toEqual([...database].sort());
    }
    const deliveredKeys = new Set(committed.map((change) => change.key));
    expect(acknowledged.filter((slug) => !deliveredKeys.has(slug))).toEqual([]);
    process.stdout.write(
      `restart storm: ${acknowledged.length} posts answered 201, ${connectionErrors} cut by the kill ` +
        `(${database.length - acknowledged.length} of those committed), ${committed.length} changes delivered to each client\n`,
    );
  }, 180_000);
});
