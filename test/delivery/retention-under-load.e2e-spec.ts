import { DataSource } from 'typeorm';
import { compareCursors, type ServerFrame } from '@conduit/contract';
import { ChangeOutbox, ChangeStream, StreamChangeEntity } from '@conduit/live-server/testing';
import { within } from '../support/api-cluster';
import { FrameReader } from '../support/frame-reader';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';

type Change = Extract<ServerFrame, { event: 'change' }>['data'];

const KEEP = 1000;
const BATCH = 100;
const CLIENTS = 12;

/**
 * One reader of `articles` from `from`: replays, and (when `resumeAfter` is set) drops its socket
 * after that many changes and resumes from the last cursor it applied, as a reconnecting client does.
 */
class ReplayingClient {
  readonly changes: Change[] = [];
  reset: string | null = null;
  readonly done: Promise<void>;
  private reader!: FrameReader;

  constructor(
    private readonly app: TestApp,
    readonly from: string,
    private readonly last: string,
    private readonly resumeAfter: number | null,
  ) {
    this.done = this.run();
  }

  /** Where the client stands, for a failure message. */
  describe(): string {
    const pending = this.reader?.changes() ?? [];
    const last = pending.at(-1) ?? this.changes.at(-1);
    return `from ${this.from}: ${this.changes.length + pending.length} changes up to ${last?.cursor}, reset ${this.reset}`;
  }

  private async run(): Promise<void> {
    let cursor = this.from;
    for (let resumed = this.resumeAfter === null; ; resumed = true) {
      this.reader = await FrameReader.open(this.app.wsUrl);
      try {
        this.reader.send({ event: 'subscribe', data: { topic: 'articles', cursor } });
        const ended = await Promise.race([
          this.reader.next('reset').then((frame) => ({ reset: frame.data.reason })),
          this.reader.next('change', (frame) => frame.data.key === this.last).then(() => ({ reset: null })),
          resumed ? new Promise<never>(() => {}) : this.reader.received(this.resumeAfter!, (frame) => frame.event === 'change').then(() => null),
        ]);
        // Everything before the end frame (the socket keeps frames in order).
        const frames = this.reader.frames.filter((frame): frame is Extract<ServerFrame, { event: 'change' }> => frame.event === 'change');
        this.changes.push(...frames.map((frame) => frame.data));
        if (ended) {
          this.reset = ended.reset;
          return;
        }
        // The last change may have come in the same read as the one that made the client drop its socket.
        if (this.changes.some((change) => change.key === this.last)) return;
        cursor = this.changes[this.changes.length - 1].cursor;
      } finally {
        this.reader.socket.terminate();
      }
    }
  }
}

describe.each(availableStores())('retention under live load on %s (the prune timer, by age and by count)', (store) => {
  let app: TestApp;
  let written = 0;

  beforeAll(async () => {
    app = await startTestApp(store, {
      STREAM_RETENTION_MAX_CHANGES: String(KEEP),
      STREAM_RETENTION_HOURS: '1',
      STREAM_RETENTION_PRUNE_INTERVAL_MS: '100',
      STREAM_POLL_INTERVAL_MS: '100',
    });
  });
  afterAll(() => app.close());

  /** `count` changes in one transaction, through the outbox as every feature writes them. */
  const write = async (count: number, key = () => `load-${(written += 1)}`): Promise<void> => {
    const outbox = app.app.get(ChangeOutbox);
    await app.app.get(DataSource).transaction(async (manager) => {
      for (let i = 0; i < count; i++) {
        const slug = key();
        await outbox.record({ manager, queryRunner: manager.queryRunner! }, { topic: 'articles', type: 'created', entity: 'article', key: slug, data: { slug } });
      }
    });
  };

  /** Resolves once retention has removed every change up to `cursor`. */
  const prunedPast = async (cursor: number): Promise<void> => {
    while (BigInt((await app.app.get(ChangeStream).bounds()).floor) < BigInt(cursor)) {
      // Waits for the prune timer's next tick; the interval only spares the machine.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('gives every replaying or resuming client either every change after its cursor or reset, never a gap', async () => {
    const stream = app.app.get(ChangeStream);
    const reference = await FrameReader.open(app.wsUrl);
    reference.send({ event: 'subscribe', data: { topic: 'articles' } });
    await reference.next('subscribed');

    // Past the max-changes limit from the start, so the timer prunes by count all along.
    for (let i = 0; i < 15; i++) await write(BATCH);
    await within(15_000, 'the timer pruning by count', prunedPast(written - KEEP));
    // From the start, long pruned: reset at once.
    let backdatedUpTo = 0;
    const clients = [new ReplayingClient(app, '1', 'load-final', null)];
    for (let i = 0; i < CLIENTS; i++) {
      const { floor, head } = await stream.bounds();
      // From just above the floor (the prune overtakes these replays) up to the head.
      const from = String(BigInt(floor) + ((BigInt(head) - BigInt(floor)) * BigInt(i)) / BigInt(CLIENTS) + 1n);
      clients.push(new ReplayingClient(app, from, 'load-final', i % 2 === 0 ? null : 150));
      await write(BATCH);
      if (i === CLIENTS / 2) {
        // Half an hour past retention: everything but the newest 300 goes by age at the next tick.
        backdatedUpTo = Number((await stream.bounds()).head) - 300;
        await app.app
          .get(DataSource)
          .createQueryBuilder()
          .update(StreamChangeEntity)
          .set({ createdAt: new Date(Date.now() - 90 * 60 * 1000) })
          .where('id <= :id', { id: backdatedUpTo })
          .execute();
      }
    }
    await within(15_000, 'the timer pruning by age', prunedPast(backdatedUpTo));
    await write(1, () => 'load-final');
    await within(60_000, 'the reference client getting the last change', reference.next('change', (frame) => frame.data.key === 'load-final'));
    const state = () => clients.map((client) => client.describe()).join('; ');
    await within(120_000, 'every client getting the last change or reset', Promise.all(clients.map((client) => client.done))).catch((error: Error) => {
      throw new Error(`${error.message}: ${state()}`);
    });

    const all = reference.changes();
    expect(all.map((change) => change.key)).toEqual([...Array.from({ length: written }, (_, i) => `load-${i + 1}`), 'load-final']);
    const outcomes = { complete: 0, reset: 0 };
    for (const client of clients) {
      const expected = all.filter((change) => compareCursors(change.cursor, client.from) > 0).map((change) => change.cursor);
      const got = client.changes.map((change) => change.cursor);
      if (client.reset === null) {
        outcomes.complete += 1;
        expect({ from: client.from, got }).toEqual({ from: client.from, got: expected });
      } else {
        outcomes.reset += 1;
        // What came before the reset is the stream after the cursor, with no hole.
        expect({ from: client.from, got, reset: client.reset }).toEqual({ from: client.from, got: expected.slice(0, got.length), reset: expect.stringMatching(/is older than the changes kept$/) });
      }
    }
    process.stdout.write(`retention under load (${store}): ${written + 1} changes, ${outcomes.complete} clients got everything, ${outcomes.reset} got reset\n`);
    // The client from the start was reset; the one from the head replays next to nothing.
    expect(clients[0].reset).toBe('cursor 1 is older than the changes kept');
    expect(clients.at(-1)!.reset).toBeNull();
    await reference.close();
  }, 180_000);
});
