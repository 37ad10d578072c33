import { CloseCode, commentsTopic, compareCursors, type Cursor } from '@conduit/contract';
import { startApiCluster, waitUntil, type ApiCluster } from '../support/api-cluster';
import { postgresProblem } from '../support/postgres';
import { redisProblem } from '../support/redis';
import { SeededRandom, seedFrom } from '../support/seeded-random';
import { requireOrSkip } from '../support/service-availability';
import { ChaosClient, FollowedTopic, ROLLED_BACK, type Stats } from './chaos/chaos-client';
import { ChaosWriter, WriteTraffic } from './chaos/chaos-writer';
import { Pruner, StreamRecord, STREAM_LOCK_KEY, type StreamRow } from './chaos/stream-record';
import { articleEntry, articlesSnapshot, commentEntry, commentsSnapshot, viewDifferences, type View } from './chaos/views';
import { WriteLog } from './chaos/write-log';

const problems = [postgresProblem(), redisProblem()].filter(Boolean).join('; ');
const describeWithServices = requireOrSkip('PostgreSQL and Redis', problems === '', problems) ? describe : describe.skip;

const CLIENTS = 200;
const WRITERS = 4;
const OPS_PER_WRITER = 100;
/**
 * Change frames carry the article, body included. A socket that does not read absorbs about 4 MB in
 * kernel buffers on loopback before the server's own buffer grows, so the client that stops reading
 * subscribes from before a history of ~2.9 MB (which the 200 others, subscribed after it, never
 * receive) and then gets the storm's ~2.6 MB of articles too.
 */
const HISTORY_PER_WRITER = 70;
/** Fractions of the storm's writes: the kill, and the parking of a few clients before the prune. */
const KILL_AT = 0.35;
const PARK_AT = 0.5;
const PARKED = 4;
/**
 * The prune waits for the slow client's drop, which waits for enough bytes: each writer goes on past
 * its share until the prune is done and then writes this many more, so the prune is always mid-storm.
 */
const WRITES_AFTER_PRUNE = 15;
const MAX_OPS_PER_WRITER = 3 * OPS_PER_WRITER;
/** Replays the random choices of a run (writes, targets, disconnects, backoffs); a run prints its seed. */
const SEED = seedFrom('CHAOS_SEED');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Promises that resolve once so many of the storm's writes are done. */
class Progress {
  done = 0;
  private readonly waiting: { at: number; resolve: () => void }[] = [];

  reached(at: number): Promise<void> {
    if (this.done >= at) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ at, resolve }));
  }

  step(): void {
    this.done += 1;
    for (const waiter of this.waiting.filter((candidate) => this.done >= candidate.at)) waiter.resolve();
  }
}

/**
 * The newest cursor retention may remove without a silent gap for any of `clients`: every change of
 * each topic they follow up to it is one they applied. So no replay that runs meanwhile needs a
 * removed change, and whoever is further back gets `reset`.
 */
function appliedByAll(clients: ChaosClient[], rows: StreamRow[]): { through: bigint; limit: string } {
  const byTopic = new Map<string, StreamRow[]>();
  for (const row of rows) {
    if (!byTopic.has(row.topic)) byTopic.set(row.topic, []);
    byTopic.get(row.topic)!.push(row);
  }
  let through = BigInt(rows[rows.length - 1].cursor);
  let limit = 'the head';
  for (const client of clients) {
    for (const followed of client.topics) {
      const missed = (byTopic.get(followed.topic) ?? []).find((row) => compareCursors(row.cursor, followed.lastApplied) > 0);
      if (missed && BigInt(missed.cursor) - 1n < through) {
        through = BigInt(missed.cursor) - 1n;
        limit = `client ${client.id} (${client.connected ? 'open' : 'closed'}) at ${followed.topic} ${followed.lastApplied}`;
      }
    }
  }
  return { through, limit };
}

describeWithServices('chaos: 3 instances, 200 clients, writers, rollbacks, disconnects, a SIGKILL, a slow reader, a prune', () => {
  let cluster: ApiCluster | undefined;
  let pruner: Pruner | undefined;
  const clients: ChaosClient[] = [];
  /** Set when the suite ends, passed or not: a prune still waiting must not query a closed database, or another suite's worker reports it. */
  let ended = false;

  afterAll(async () => {
    ended = true;
    for (const client of clients) client.stop();
    await pruner?.close();
    await cluster?.close();
  });

  it('ends every client on the tables and the writers’ log, having applied exactly the committed changes in order, nothing rolled back', async () => {
    process.stdout.write(`chaos: seed ${SEED} (CHAOS_SEED=${SEED} replays its random choices)\n`);
    const startedAt = Date.now();
    cluster = await startApiCluster({ size: 3, env: { WS_MAX_BUFFERED_BYTES: '65536' } });
    pruner = await Pruner.open(cluster.schema);
    const { instances } = cluster;
    // Instance 0 hosts the client that stops reading; instance 2 is the one killed.
    const [slowHost, , victim] = instances;
    const stats: Stats = { deliveries: 0, reconnects: 0, resets: 0, drops1013: 0, rolledBackSeen: [], orderViolations: [], protocolViolations: [], snapshotFailures: [] };
    const log = new WriteLog();
    const traffic = new WriteTraffic(instances);
    const record = new StreamRecord('0');

    const writers: ChaosWriter[] = [];
    for (let w = 0; w < WRITERS; w++) {
      const username = `chaos_${w}_${SEED.toString(36)}`;
      const answer = await instances[w % 3].request<{ user: { token: string } }>('POST', '/users', { user: { username, email: `${username}@example.com`, password: 'correct horse battery' } });
      expect(answer.status).toBe(201);
      writers.push(new ChaosWriter(w, answer.body.user.token, traffic, log, new SeededRandom(SEED, `writer ${w}`)));
    }
    const acknowledged = async (write: Promise<{ outcome: string; slug?: string }>) => {
      const done = await write;
      if (done.outcome !== 'acknowledged') throw new Error(`a write before the storm was not acknowledged: ${JSON.stringify(done)}`);
      return done.slug!;
    };
    // The slow client's snapshot, from before a history that the 200 others subscribe after.
    await acknowledged(writers[0].create('first', instances[0]));
    const beforeHistory = await articlesSnapshot(slowHost);
    await Promise.all(
      writers.map(async (writer) => {
        for (let i = 0; i < HISTORY_PER_WRITER; i++) {
          const slug = await acknowledged(writer.create(`history ${writer.index} ${i}`, instances[i % 3]));
          if (i === 0) writer.discussion = slug;
          else writer.slugs.push(slug);
        }
      }),
    );

    // Nothing is written until the storm: one snapshot of each topic serves the 200 clients.
    const articles = await articlesSnapshot(instances[0]);
    const discussions = await Promise.all(writers.map(async (writer) => ({ slug: writer.discussion, snapshot: await commentsSnapshot(instances[1], writer.discussion) })));
    for (let id = 0; id < CLIENTS; id++) {
      const discussion = discussions[id % WRITERS];
      const client = new ChaosClient(
        id,
        [
          new FollowedTopic('articles', articles, articlesSnapshot),
          new FollowedTopic(commentsTopic(discussion.slug), discussion.snapshot, (instance) => commentsSnapshot(instance, discussion.slug)),
        ],
        () => instances,
        stats,
        new SeededRandom(SEED, `client ${id}`),
      );
      clients.push(client);
      client.connect(instances[id % 3]);
    }
    await waitUntil(() => clients.every((client) => client.connected), 60_000, () => `${clients.filter((c) => !c.connected).length} clients not connected`);
    const slow = new ChaosClient(CLIENTS, [new FollowedTopic('articles', beforeHistory, articlesSnapshot)], () => instances, stats, new SeededRandom(SEED, 'slow client'));
    clients.push(slow);
    const slowDropped = slow.connectWithoutReading(slowHost);
    const setupMs = Date.now() - startedAt;

    // The storm.
    const stormStartedAt = Date.now();
    const totalOps = WRITERS * OPS_PER_WRITER;
    const progress = new Progress();
    let stormOver = false;
    let pruneState = 'waiting for the kill and half of the writes';
    let pruned = false;
    const writing = Promise.all(
      writers.map(async (writer) => {
        let prunedAt: number | undefined;
        for (let n = 0; n < OPS_PER_WRITER || prunedAt === undefined || n < prunedAt + WRITES_AFTER_PRUNE; n++) {
          if (n === MAX_OPS_PER_WRITER) throw new Error(`writer ${writer.index}: ${n} writes and no prune: ${pruneState}`);
          if (pruned) prunedAt ??= n;
          await writer.stormWrite(writer.index * MAX_OPS_PER_WRITER + n);
          progress.step();
          await pause(15); // paces the storm; not a synchronisation
        }
      }),
    );

    // Transactions that record a change and roll back: their rows must never reach anyone.
    let rollbacks = 0;
    const rollingBack = (async () => {
      const db = await cluster!.connect();
      try {
        while (!stormOver) {
          const key = `${ROLLED_BACK}${rollbacks}`;
          await db.query('BEGIN');
          // Half of them hold the commit-order lock, like a failing commit would.
          if (rollbacks % 2 === 0) await db.query('SELECT pg_advisory_xact_lock($1)', [STREAM_LOCK_KEY]);
          await db.query(
            `INSERT INTO stream_change (topic, type, entity, key, audience, payload, "createdAt") VALUES ('articles', 'created', 'article', $1, NULL, $2, $3)`,
            [key, JSON.stringify({ slug: key, title: key, body: 'never committed' }), Date.now()],
          );
          await db.query('ROLLBACK');
          rollbacks += 1;
          await pause(40);
        }
      } finally {
        await db.end();
      }
    })();

    // Random disconnects, reconnecting to random instances.
    let cuts = 0;
    const cutter = new SeededRandom(SEED, 'cuts');
    const cutting = (async () => {
      while (!stormOver) {
        const candidates = clients.filter((client) => client.connected && client !== slow);
        if (candidates.length > 0) cutter.pick(candidates).drop();
        cuts += 1;
        await pause(60);
      }
    })();

    // One instance crashes mid-run and comes back. It gets no new request once doomed, so the writes it cuts are those in flight at the kill.
    let kills = 0;
    let inFlightAtKill = 0;
    const crash = (async () => {
      await progress.reached(totalOps * KILL_AT);
      await traffic.busy(victim);
      inFlightAtKill = traffic.doom(victim);
      const exit = await victim.kill();
      kills += 1;
      if (exit.signal !== 'SIGKILL') throw new Error(`instance ${victim.index} exited with ${JSON.stringify(exit)}, not by SIGKILL`);
      await victim.start();
      traffic.spare();
    })();

    // Retention during the run: a few clients stay away while the stream is pruned past their cursors, so they must get `reset`.
    const parker = new SeededRandom(SEED, 'parking');
    const parked: ChaosClient[] = [];
    let floor: Cursor | null = null;
    let slowCloseCode: number | undefined;
    let slowDroppedAt = 0;
    let prunedAtOp = 0;
    let pruneAttempts = 0;
    const db = await cluster.connect();
    const pruning = (async () => {
      await Promise.all([progress.reached(totalOps * PARK_AT), crash]);
      while (parked.length < PARKED) {
        const candidate = parker.pick(clients.filter((client) => client !== slow && client.connected && !parked.includes(client)));
        candidate.park();
        parked.push(candidate);
      }
      const parkedAt = parked.map((client) => BigInt(client.topic('articles').lastApplied)).reduce((a, b) => (a > b ? a : b));
      // The slow client's replay must be over before anything it may still read goes: its drop ends it.
      pruneState = `${parked.length} clients parked at cursor ${parkedAt}, waiting for the slow client's drop`;
      slowCloseCode = await slowDropped;
      slowDroppedAt = progress.done;
      const others = clients.filter((client) => !parked.includes(client));
      while (floor === null && !ended) {
        floor = await pruner!.pruneThrough(db, record, (rows) => {
          const { through, limit } = appliedByAll(others, rows);
          pruneState = `${parked.length} clients parked at cursor ${parkedAt}, the others have all applied through ${through}, limited by ${limit}`;
          // Pruning must pass a change the parked clients have not applied.
          return rows.some((row) => BigInt(row.cursor) > parkedAt && BigInt(row.cursor) <= through) ? String(through) : null;
        });
        if (floor === null) {
          pruneAttempts += 1;
          await pause(100);
        }
      }
      for (const client of parked) client.release();
      prunedAtOp = progress.done;
      pruned = true;
    })();

    await writing;
    stormOver = true;
    await Promise.all([rollingBack, cutting, crash, pruning]);
    const stormMs = Date.now() - stormStartedAt;
    process.stdout.write(
      `chaos: storm over after ${stormMs} ms and ${progress.done} writes (the kill at ${Math.ceil(totalOps * KILL_AT)}, the slow client dropped at ${slowDroppedAt}, ` +
        `the prune to floor ${floor} at ${prunedAtOp} after ${pruneAttempts} attempts: ${pruneState}), ${stats.deliveries} deliveries so far\n`,
    );

    // Catch-up: every client reaches the last committed change of each topic it follows.
    await record.read(db);
    const { rows: leaked } = await db.query(`SELECT id, key FROM stream_change WHERE key LIKE '${ROLLED_BACK}%'`);
    const heads = new Map(['articles', ...discussions.map(({ slug }) => commentsTopic(slug))].map((topic) => [topic, record.head(topic)]));
    const behind = (client: ChaosClient) => client.topics.filter((followed) => followed.resnapshotting || compareCursors(followed.lastApplied, heads.get(followed.topic)!) < 0);
    const catchUpStartedAt = Date.now();
    await waitUntil(
      () => clients.every((client) => behind(client).length === 0),
      90_000,
      () => {
        const late = clients.filter((client) => behind(client).length > 0);
        return `${late.length} clients behind, e.g. ${late
          .slice(0, 5)
          .map((client) => `#${client.id} at ${behind(client).map((followed) => `${followed.topic} ${followed.lastApplied}`).join(', ')} on instance ${client.instance?.index} (${client.connected ? 'open' : 'closed'}, closes ${client.closeCodes.join(',')})`)
          .join('; ')}`;
      },
    );
    const catchUpMs = Date.now() - catchUpStartedAt;

    // The truth the writes left in the tables.
    const { rows: articleRows } = await db.query<{ slug: string; title: string; description: string; updatedAt: string }>('SELECT slug, title, description, "updatedAt"::text AS "updatedAt" FROM article');
    const tableArticles: View = new Map(articleRows.map((row) => [row.slug, articleEntry({ ...row, updatedAt: new Date(Number(row.updatedAt)).toISOString() })]));
    const { rows: commentRows } = await db.query<{ id: string; body: string; slug: string }>('SELECT comment.id::text AS id, comment.body, article.slug FROM comment JOIN article ON article.id = comment."articleId"');
    const tableComments = new Map<string, View>(discussions.map(({ slug }) => [commentsTopic(slug), new Map()]));
    for (const row of commentRows) tableComments.get(commentsTopic(row.slug))?.set(row.id, commentEntry(row));
    await db.end();
    const bySlug = (views: Map<string, View>) => new Map([...views].map(([topic, view]) => [topic.split('/')[1], view]));

    const mismatches: string[] = [];
    const tableAgainstLog = log.differences(tableArticles, bySlug(tableComments));
    for (const client of clients) {
      const views = new Map(client.topics.map((followed) => [followed.topic, followed.view]));
      const commentViews = new Map([...views].filter(([topic]) => topic !== 'articles'));
      for (const followed of client.topics) {
        const truth = followed.topic === 'articles' ? tableArticles : tableComments.get(followed.topic)!;
        for (const difference of viewDifferences(followed.view, truth)) mismatches.push(`client ${client.id} ${followed.topic} against the table: ${difference}`);
        // Every change after its first cursor, in order, each once, as committed: a segment ended by a reset only as a gap-free prefix, its snapshot covers the rest.
        followed.segments.forEach((segment, s) => {
          let expected = record.after(followed.topic, segment.from);
          if (s < followed.segments.length - 1) expected = expected.slice(0, segment.applied.length);
          const at = expected.findIndex((change, i) => segment.applied[i]?.cursor !== change.cursor || segment.applied[i]?.key !== change.key || segment.applied[i]?.type !== change.type);
          if (at >= 0 || segment.applied.length !== expected.length) {
            const i = at >= 0 ? at : Math.min(segment.applied.length, expected.length);
            mismatches.push(
              `client ${client.id} ${followed.topic} segment ${s} from ${segment.from}: applied ${segment.applied.length}, committed ${expected.length}; ` +
                `first difference at ${i}: applied ${JSON.stringify(segment.applied[i])}, committed ${JSON.stringify(expected[i])}`,
            );
          }
        });
      }
      for (const difference of log.differences(views.get('articles')!, bySlug(commentViews))) mismatches.push(`client ${client.id} against the writers' log: ${difference}`);
    }

    const refused = log.writes.filter((write) => write.outcome === 'refused').map((write) => `${write.kind} ${write.slug ?? ''}: ${write.status} ${JSON.stringify(write.answer).slice(0, 300)}`);
    process.stdout.write(
      [
        `chaos: seed ${SEED}; ${record.size} changes committed, ${rollbacks} transactions rolled back, ${stats.deliveries} deliveries to ${clients.length} clients`,
        `chaos: ${stats.reconnects} reconnects (${cuts} cuts), ${stats.resets} resets (${parked.length} clients parked across the prune), ${stats.drops1013} drops with 1013 (slow client closed with ${slowCloseCode}), ${kills} kill(s)`,
        `chaos: writes ${log.count('acknowledged')} acknowledged, ${log.count('cut')} cut (${inFlightAtKill} in flight at the kill), ${refused.length} refused; ${stats.snapshotFailures.length} failed snapshots`,
        `chaos: setup ${setupMs} ms, storm ${stormMs} ms, catch-up ${catchUpMs} ms, total ${Date.now() - startedAt} ms`,
        '',
      ].join('\n'),
    );

    expect(tableAgainstLog).toEqual([]);
    expect({ mismatches: mismatches.length, first: mismatches.slice(0, 10) }).toEqual({ mismatches: 0, first: [] });
    expect(stats.orderViolations).toEqual([]);
    expect(stats.protocolViolations).toEqual([]);
    expect(stats.rolledBackSeen).toEqual([]);
    expect(leaked).toEqual([]);
    expect(rollbacks).toBeGreaterThan(0);
    expect(refused).toEqual([]);
    expect(slowCloseCode).toBe(CloseCode.TryAgainLater);
    expect(kills).toBe(1);
    // A request without an answer is one the killed instance had in flight, nothing else.
    expect(traffic.failures.filter((failure) => failure.instance !== victim.index)).toEqual([]);
    expect(traffic.failures.length).toBeLessThanOrEqual(inFlightAtKill);
    expect(log.count('cut')).toBe(traffic.failures.length);
    expect(stats.snapshotFailures).toEqual([]);
    // The prune passed the parked clients by: each got `reset`, took a new snapshot, and ended on the tables like the rest.
    expect(floor).not.toBeNull();
    expect(Math.min(...parked.map((client) => client.topic('articles').resets))).toBeGreaterThanOrEqual(1);
    expect(stats.resets).toBeGreaterThanOrEqual(PARKED);
  }, 300_000);
});
