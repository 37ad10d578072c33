import WebSocket from 'ws';
import { CloseCode, compareCursors, type Article, type ServerFrame } from '@conduit/contract';
import { startApiCluster, waitUntil, within, type ApiCluster, type ClusterInstance, type CommittedChange } from '../support/api-cluster';
import { postgresProblem } from '../support/postgres';
import { redisProblem } from '../support/redis';
import { requireOrSkip } from '../support/service-availability';

const problems = [postgresProblem(), redisProblem()].filter(Boolean).join('; ');
const describeWithServices = requireOrSkip('PostgreSQL and Redis', problems === '', problems) ? describe : describe.skip;

const CLIENTS = 200;
const WRITERS = 4;
const OPS_PER_WRITER = 80;
/**
 * Change frames carry the article, body included. A socket that does not read absorbs about 4 MB in
 * kernel buffers on loopback before the server's own buffer grows, so the client that stops reading
 * subscribes from before a history of ~2.9 MB (which the 200 others, subscribed after it, never
 * receive) and then gets the storm's ~3 MB too.
 */
const HISTORY_PER_WRITER = 70;
const BODY = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(175);
const ROLLED_BACK = 'rolled-back-';
/** ChangeOutbox's commit-order lock (commit-order.ts): half of the rollbacks hold it, like a failing commit would. */
const STREAM_LOCK_KEY = 0x436f6e64;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

interface Applied {
  cursor: string;
  key: string;
  type: string;
}

/** From one snapshot cursor on: the changes applied. A `reset` ends a segment; a fresh snapshot starts the next. */
interface Segment {
  from: string;
  applied: Applied[];
}

interface Stats {
  deliveries: number;
  reconnects: number;
  resets: number;
  drops1013: number;
  /** Keys starting with rolled-back-, seen in any frame by any client. */
  rolledBackSeen: string[];
  /** A change at or before the previous one on the same subscription: against "in cursor order, each once". */
  orderViolations: string[];
  /** Answers that are not what the protocol says (a `subscribed` for another cursor, an `error`). */
  protocolViolations: string[];
}

/**
 * A client as the real one behaves (PROTOCOL.md): applies a change only if its cursor is after the last
 * one applied, reconnects with backoff to any instance on every close, resubscribes from the last cursor
 * applied, and on `reset` takes a fresh snapshot and subscribes from its cursor.
 */
class ChaosClient {
  readonly segments: Segment[];
  lastApplied: string;
  socket: WebSocket | null = null;
  instance: ClusterInstance | null = null;
  closeCodes: number[] = [];
  private stopped = false;
  private attempt = 0;
  /** Last change cursor on the current subscription. */
  private subscriptionCursor: string | null = null;
  private paused = false;
  private onPausedClose?: (code: number) => void;

  constructor(
    readonly id: number,
    firstCursor: string,
    private readonly instances: () => ClusterInstance[],
    private readonly stats: Stats,
  ) {
    this.segments = [{ from: firstCursor, applied: [] }];
    this.lastApplied = firstCursor;
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  connect(instance: ClusterInstance, { stopReading = false } = {}): void {
    this.instance = instance;
    const socket = new WebSocket(instance.wsUrl);
    this.socket = socket;
    this.subscriptionCursor = null;
    socket.on('open', () => {
      socket.send(JSON.stringify({ event: 'subscribe', data: { topic: 'articles', cursor: this.lastApplied } }));
      if (stopReading) {
        this.paused = true;
        socket.pause();
      }
    });
    socket.on('message', (data) => this.onFrame(JSON.parse(String(data)) as ServerFrame));
    socket.on('error', () => undefined); // a close always follows
    socket.on('close', (code) => {
      if (this.socket !== socket) return;
      this.closeCodes.push(code);
      if (code === CloseCode.TryAgainLater) this.stats.drops1013 += 1;
      if (this.paused) {
        this.paused = false;
        this.onPausedClose?.(code);
      }
      this.socket = null;
      if (!this.stopped) void this.reconnect();
    });
  }

  /**
   * Connects, subscribes and stops reading. Each time the instance logs a slow-socket drop, reads again
   * to find out whether it was this socket (the close, 1013, comes after what was buffered) or another
   * one (a bad frame's answer comes back first: stop reading again and wait for the next drop).
   * Resolves with the close code.
   */
  async connectWithoutReading(instance: ClusterInstance): Promise<number> {
    const closed = new Promise<number>((resolve) => (this.onPausedClose = resolve));
    let dropLogged = instance.nextLine(/reads too slowly/);
    this.connect(instance, { stopReading: true });
    for (;;) {
      const verdict = await Promise.race([closed, dropLogged.then(() => 'drop logged' as const)]);
      if (verdict !== 'drop logged') return verdict;
      dropLogged = instance.nextLine(/reads too slowly/);
      const socket = this.socket;
      if (!socket || !this.paused) continue;
      const stillOpen = new Promise<'open'>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          if (!String(data).includes('frame is not valid JSON')) return;
          socket.off('message', onMessage);
          resolve('open');
        };
        socket.on('message', onMessage);
      });
      socket.resume();
      socket.send('barrier');
      const answer = await Promise.race([closed, stillOpen]);
      if (answer !== 'open') return answer;
      socket.pause();
    }
  }

  /** Chaos: cut this client's socket; it reconnects like after any other close. */
  drop(): void {
    if (!this.socket || this.paused) return;
    if (Math.random() < 0.5) this.socket.terminate();
    else this.socket.close();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.terminate();
  }

  private async reconnect(): Promise<void> {
    this.stats.reconnects += 1;
    // Backoff with jitter, as the protocol asks (scaled down from 0.5 s..30 s to keep the run short).
    const delay = Math.min(50 * 2 ** this.attempt, 1000);
    this.attempt += 1;
    await pause(delay / 2 + Math.random() * (delay / 2));
    if (this.stopped) return;
    const running = this.instances().filter((instance) => instance.running);
    this.connect(pick(running.length > 0 ? running : this.instances()));
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.event) {
      case 'subscribed':
        this.attempt = 0;
        if (frame.data.cursor !== this.lastApplied) this.stats.protocolViolations.push(`client ${this.id}: subscribed from ${frame.data.cursor}, asked ${this.lastApplied}`);
        this.subscriptionCursor = frame.data.cursor;
        return;
      case 'change': {
        const { cursor, key, type } = frame.data;
        if (key.startsWith(ROLLED_BACK)) this.stats.rolledBackSeen.push(`client ${this.id}: ${cursor} ${key}`);
        if (this.subscriptionCursor === null || compareCursors(cursor, this.subscriptionCursor) <= 0) {
          this.stats.orderViolations.push(`client ${this.id} on instance ${this.instance?.index}: change ${cursor} after ${this.subscriptionCursor}`);
        }
        this.subscriptionCursor = cursor;
        if (compareCursors(cursor, this.lastApplied) <= 0) return;
        this.segments[this.segments.length - 1].applied.push({ cursor, key, type });
        this.lastApplied = cursor;
        this.stats.deliveries += 1;
        return;
      }
      case 'reset':
        this.stats.resets += 1;
        void this.resnapshot();
        return;
      case 'error':
        // The slow client's barrier answer; anything else is unexpected.
        if (frame.data.message !== 'frame is not valid JSON') this.stats.protocolViolations.push(`client ${this.id}: error ${JSON.stringify(frame.data)}`);
        return;
      default:
        return;
    }
  }

  /** After a reset: a fresh snapshot from any running instance, then subscribe from its cursor. */
  private async resnapshot(): Promise<void> {
    for (;;) {
      try {
        const cursor = await pick(this.instances().filter((instance) => instance.running)).snapshotCursor();
        this.segments.push({ from: cursor, applied: [] });
        this.lastApplied = cursor;
        this.socket?.send(JSON.stringify({ event: 'subscribe', data: { topic: 'articles', cursor } }));
        return;
      } catch {
        await pause(100);
      }
    }
  }
}

interface Writer {
  token: string;
  slugs: string[];
}

describeWithServices('chaos: 3 instances, 200 clients, writers, rollbacks, disconnects, a SIGKILL, a slow reader', () => {
  let cluster: ApiCluster | undefined;
  const clients: ChaosClient[] = [];

  afterAll(async () => {
    for (const client of clients) client.stop();
    await cluster?.close();
  });

  it('delivers to every client exactly the committed changes after its first cursor, in order, and nothing rolled back', async () => {
    const startedAt = Date.now();
    cluster = await startApiCluster({ size: 3, env: { WS_MAX_BUFFERED_BYTES: '65536' } });
    const { instances } = cluster;
    // Instance 0 hosts the client that stops reading; instance 2 is the one killed.
    const [slowHost, , victim] = instances;
    const running = () => instances.filter((instance) => instance.running);
    const stats: Stats = { deliveries: 0, reconnects: 0, resets: 0, drops1013: 0, rolledBackSeen: [], orderViolations: [], protocolViolations: [] };

    const writers: Writer[] = [];
    for (let w = 0; w < WRITERS; w++) {
      const username = `chaos_${w}_${Math.random().toString(36).slice(2, 8)}`;
      const answer = await instances[w % 3].request<{ user: { token: string } }>('POST', '/users', { user: { username, email: `${username}@example.com`, password: 'correct horse battery' } });
      expect(answer.status).toBe(201);
      writers.push({ token: answer.body.user.token, slugs: [] });
    }
    // The slow client's cursor, from before a history that the 200 others subscribe after.
    await instances[0].request('POST', '/articles', { article: { title: 'first', description: 'first', body: 'first' } }, writers[0].token);
    const beforeHistory = await slowHost.snapshotCursor();
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let i = 0; i < HISTORY_PER_WRITER; i++) {
          const answer = await instances[i % 3].request<{ article: Article }>('POST', '/articles', { article: { title: `history ${w} ${i}`, description: 'history', body: BODY } }, writer.token);
          expect(answer.status).toBe(201);
          writer.slugs.push(answer.body.article.slug);
        }
      }),
    );

    // 200 clients, each from the snapshot cursor of the instance it first connects to.
    for (let batch = 0; batch < CLIENTS; batch += 20) {
      await Promise.all(
        Array.from({ length: Math.min(20, CLIENTS - batch) }, async (_, i) => {
          const id = batch + i;
          const instance = instances[id % 3];
          const client = new ChaosClient(id, await instance.snapshotCursor(), () => instances, stats);
          clients.push(client);
          client.connect(instance);
        }),
      );
    }
    await waitUntil(() => clients.every((client) => client.connected), 60_000, () => `${clients.filter((c) => !c.connected).length} clients not connected`);
    const slow = new ChaosClient(CLIENTS, beforeHistory, () => instances, stats);
    clients.push(slow);
    const slowDropped = slow.connectWithoutReading(slowHost);
    const setupMs = Date.now() - startedAt;

    // The storm.
    const stormStartedAt = Date.now();
    const totalOps = WRITERS * OPS_PER_WRITER;
    let opsDone = 0;
    let stormOver = false;
    const writeOutcomes = { acknowledged: 0, notFound: 0, serverErrors: [] as string[], connectionErrors: 0 };
    const acknowledgedCreates: string[] = [];
    let reachedKillPoint!: () => void;
    const killPoint = new Promise<void>((resolve) => (reachedKillPoint = resolve));

    const write = async (writer: Writer, n: number): Promise<void> => {
      const instance = pick(running());
      const roll = Math.random();
      try {
        if (writer.slugs.length === 0 || roll < 0.5) {
          const answer = await instance.request<{ article: Article }>('POST', '/articles', { article: { title: `chaos ${n}`, description: `written through instance ${instance.index}`, body: BODY } }, writer.token);
          if (answer.status === 201) {
            writer.slugs.push(answer.body.article.slug);
            acknowledgedCreates.push(answer.body.article.slug);
          }
          record(answer.status, `POST: ${JSON.stringify(answer.body)}`);
        } else if (roll < 0.9) {
          const answer = await instance.request('PUT', `/articles/${pick(writer.slugs)}`, { article: { body: `${BODY} edit ${n}` } }, writer.token);
          record(answer.status, `PUT: ${JSON.stringify(answer.body)}`);
        } else {
          const slug = writer.slugs.splice(Math.floor(Math.random() * writer.slugs.length), 1)[0];
          const answer = await instance.request('DELETE', `/articles/${slug}`, undefined, writer.token);
          record(answer.status, `DELETE: ${JSON.stringify(answer.body)}`);
        }
      } catch {
        // The instance went down under the request; whether it committed, "stream_change" says.
        writeOutcomes.connectionErrors += 1;
      }
      opsDone += 1;
      if (opsDone >= totalOps * 0.35) reachedKillPoint();
    };
    const record = (status: number, what: string) => {
      if (status >= 200 && status < 300) writeOutcomes.acknowledged += 1;
      // A write after a connection error may target an article whose delete did commit.
      else if (status === 404) writeOutcomes.notFound += 1;
      else writeOutcomes.serverErrors.push(`${status} ${what.slice(0, 300)}`);
    };
    const writing = Promise.all(
      writers.map(async (writer, w) => {
        for (let n = 0; n < OPS_PER_WRITER; n++) {
          await write(writer, w * OPS_PER_WRITER + n);
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
    const cutting = (async () => {
      while (!stormOver) {
        const victimClient = pick(clients.filter((client) => client.connected && client !== slow));
        victimClient?.drop();
        cuts += 1;
        await pause(60);
      }
    })();

    // One instance crashes mid-run and comes back.
    let kills = 0;
    const crash = (async () => {
      await killPoint;
      const exit = await victim.kill();
      kills += 1;
      expect(exit.signal).toBe('SIGKILL');
      await victim.start();
    })();

    await writing;
    stormOver = true;
    await Promise.all([rollingBack, cutting, crash]);
    const stormMs = Date.now() - stormStartedAt;
    process.stdout.write(`chaos: storm over after ${stormMs} ms, ${stats.deliveries} deliveries so far, slow-drop lines on instance 0: ${slowHost.output().match(/reads too slowly/g)?.length ?? 0}\n`);

    const slowCloseCode = await within(60_000, 'the client that stopped reading being dropped', slowDropped);

    // Catch-up: every client reaches the final head of the committed stream.
    const db = await cluster.connect();
    const { rows } = await db.query<{ head: string | null }>(`SELECT MAX(id)::text AS head FROM stream_change WHERE topic = 'articles'`);
    const { rows: leaked } = await db.query(`SELECT id, key FROM stream_change WHERE key LIKE '${ROLLED_BACK}%'`);
    await db.end();
    const head = rows[0].head!;
    const catchUpStartedAt = Date.now();
    await waitUntil(
      () => clients.every((client) => compareCursors(client.lastApplied, head) >= 0),
      90_000,
      () => {
        const behind = clients.filter((client) => compareCursors(client.lastApplied, head) < 0);
        return `${behind.length} clients behind head ${head}, e.g. ${behind
          .slice(0, 5)
          .map((client) => `#${client.id} at ${client.lastApplied} on instance ${client.instance?.index} (${client.connected ? 'open' : 'closed'}, closes ${client.closeCodes.join(',')})`)
          .join('; ')}`;
      },
    );
    const catchUpMs = Date.now() - catchUpStartedAt;

    // Every client: exactly the committed changes after its first cursor, in order.
    const firstCursors = clients.map((client) => client.segments[0].from).sort(compareCursors);
    const committed = await cluster.committedChanges('articles', firstCursors[0]);
    const mismatches: string[] = [];
    for (const client of clients) {
      client.segments.forEach((segment, s) => {
        let expected: CommittedChange[] = committed.filter((change) => compareCursors(change.cursor, segment.from) > 0);
        // A segment ended by a reset only has to be a gap-free prefix; its snapshot covers the rest.
        if (s < client.segments.length - 1) expected = expected.slice(0, segment.applied.length);
        const at = expected.findIndex((change, i) => segment.applied[i]?.cursor !== change.cursor || segment.applied[i]?.key !== change.key || segment.applied[i]?.type !== change.type);
        if (at >= 0 || segment.applied.length !== expected.length) {
          const i = at >= 0 ? at : Math.min(segment.applied.length, expected.length);
          mismatches.push(
            `client ${client.id} segment ${s} from ${segment.from}: applied ${segment.applied.length}, committed ${expected.length}; ` +
              `first difference at ${i}: applied ${JSON.stringify(segment.applied[i])}, committed ${JSON.stringify(expected[i])}`,
          );
        }
      });
    }

    const acknowledgedButMissing = acknowledgedCreates.filter((slug) => !committed.some((change) => change.type === 'created' && change.key === slug));
    process.stdout.write(
      [
        `chaos: ${committed.length} changes committed (head ${head}), ${rollbacks} transactions rolled back, ${stats.deliveries} deliveries to ${clients.length} clients`,
        `chaos: ${stats.reconnects} reconnects (${cuts} cuts), ${stats.resets} resets, ${stats.drops1013} drops with 1013 (slow client closed with ${slowCloseCode}), ${kills} kill(s)`,
        `chaos: writes ${writeOutcomes.acknowledged} acknowledged, ${writeOutcomes.notFound} 404, ${writeOutcomes.connectionErrors} cut, ${writeOutcomes.serverErrors.length} 5xx/other`,
        `chaos: setup ${setupMs} ms, storm ${stormMs} ms, catch-up ${catchUpMs} ms, total ${Date.now() - startedAt} ms`,
        '',
      ].join('\n'),
    );

    expect(mismatches).toEqual([]);
    expect(stats.orderViolations).toEqual([]);
    expect(stats.protocolViolations).toEqual([]);
    expect(stats.rolledBackSeen).toEqual([]);
    expect(leaked).toEqual([]);
    expect(rollbacks).toBeGreaterThan(0);
    expect(acknowledgedButMissing).toEqual([]);
    expect(writeOutcomes.serverErrors).toEqual([]);
    expect(slowCloseCode).toBe(CloseCode.TryAgainLater);
    expect(kills).toBe(1);
    // Retention is the default (days): no cursor of this run can fall out of it.
    expect(stats.resets).toBe(0);
  }, 300_000);
});
