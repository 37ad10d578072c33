import { Subject } from 'rxjs';
import { isAfter, type Cursor, type ServerFrame } from '@conduit/contract';
import type { ChangeStream } from '../stream/change-stream.service';
import type { CommittedChange } from '../stream/committed-change';
import type { StreamTailer } from '../stream/stream-tailer.service';
import type { ChangeFrames } from './change-frames';
import { DEFAULT_DELIVERY_OPTIONS } from './delivery-options';
import { LiveHub } from './live-hub.service';
import type { LiveSubscription } from './live-subscription';
import { LiveTopics } from './live-topics.service';
import { ReplayPacer } from './replay-pacer';
import type { Subscriber } from './subscriber';
import type { TopicPolicy } from './topic-policy';

const MARK = 1_000;
/** A change whose frame alone is well over half the mark. */
const change = (cursor: number, topic = 'articles'): CommittedChange => ({
  topic,
  cursor: String(cursor),
  type: 'created',
  entity: 'article',
  key: `a-${cursor}`,
  audience: null,
  payload: JSON.stringify({ body: 'x'.repeat(600) }),
});

/** A client whose reading the test decides: while it does not read, its socket needs a drain that waits for it. */
class ClientSocket implements Subscriber {
  readonly subscriptions = new Map<string, LiveSubscription>();
  replays: Promise<void> = Promise.resolve();
  isOpen = true;
  needsDrain = false;
  readonly received: string[] = [];
  readonly frames: ServerFrame[] = [];
  droppedAsTooSlow = 0;
  /** Set by the test: the client stops reading once it got this change. */
  stopsReadingAfter?: string;
  private drainWaiters: (() => void)[] = [];
  private onStalled?: () => void;
  /** Resolves once the replay waits for this client to read. */
  readonly stalled = new Promise<void>((resolve) => (this.onStalled = resolve));

  drained(): Promise<void> {
    if (!this.needsDrain) return Promise.resolve();
    this.onStalled?.();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  send(frame: ServerFrame): void {
    this.frames.push(frame);
  }

  sendChange(frames: ChangeFrames): void {
    this.received.push(frames.cursor);
    if (frames.cursor === this.stopsReadingAfter) this.needsDrain = true;
  }

  fail(): void {
    this.isOpen = false;
  }

  /** The client reads again: what its socket held drains. */
  resumesReading(): void {
    this.needsDrain = false;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  dropTooSlow(): void {
    this.droppedAsTooSlow += 1;
    this.isOpen = false;
  }
}

/** The stream, whose replay reads the test answers one at a time. */
class HeldStream {
  readonly changes: CommittedChange[] = [];
  private readonly reads: { topic: string; after: Cursor; limit: number; answer: (page: CommittedChange[]) => void }[] = [];
  private readWaiter?: () => void;

  constructor(private readonly head: number) {
    for (let cursor = 1; cursor <= head; cursor++) this.changes.push(change(cursor));
  }

  async bounds(): Promise<{ floor: Cursor; head: Cursor }> {
    return { floor: '0', head: String(this.head) };
  }

  async floor(): Promise<Cursor> {
    return '0';
  }

  readAfter(topic: string, after: Cursor, limit: number): Promise<CommittedChange[]> {
    return new Promise((answer) => {
      this.reads.push({ topic, after, limit, answer });
      this.readWaiter?.();
    });
  }

  /** Resolves once the replay asked for its next page (so it has dealt with the one before). */
  async nextRead(): Promise<void> {
    if (this.reads.length === 0) await new Promise<void>((resolve) => (this.readWaiter = resolve));
  }

  /** Waits for the replay's next read, then answers it from what the stream holds now. */
  async answerNextRead(): Promise<void> {
    await this.nextRead();
    const { topic, after, limit, answer } = this.reads.shift()!;
    answer(this.changes.filter((candidate) => candidate.topic === topic && isAfter(candidate.cursor, after)).slice(0, limit));
  }
}

describe('LiveHub: live changes held during a replay', () => {
  const tailed = new Subject<CommittedChange>();
  let hub: LiveHub;
  let stream: HeldStream;

  function start(head: number, replayPageSize: number): void {
    stream = new HeldStream(head);
    const onlyMine: TopicPolicy = { pattern: 'mine', view: async () => ({ source: 'notes', accepts: (candidate) => candidate.audience === 'me' }) };
    const topics: TopicPolicy[] = [{ pattern: 'articles' }, { pattern: 'notes' }, onlyMine];
    const options = { ...DEFAULT_DELIVERY_OPTIONS, topics, maxBufferedBytes: MARK, replayPageSize };
    const tailer = { changes$: tailed.asObservable(), gaps$: new Subject<Cursor>() } as unknown as StreamTailer;
    hub = new LiveHub(tailer, stream as unknown as ChangeStream, new LiveTopics(options), new ReplayPacer(), options);
    hub.onModuleInit();
  }

  /** A change committed now: in the stream, and handed to the hub as the tailer would. */
  const commit = (cursor: number, topic = 'articles') => {
    stream.changes.push(change(cursor, topic));
    tailed.next(change(cursor, topic));
  };

  afterEach(() => hub.onModuleDestroy());

  it('drops a client that stops reading mid-replay once more than its mark of live changes waits for it', async () => {
    start(5, 2);
    const client = new ClientSocket();
    client.stopsReadingAfter = '1';
    await hub.subscribe(client, 'articles', '0');
    await stream.answerNextRead();
    await client.stalled;

    commit(6);
    expect(client.droppedAsTooSlow).toBe(0);
    commit(7);
    expect(client.droppedAsTooSlow).toBe(1);
    expect(client.received).toEqual(['1']);
  });

  it('keeps a reading client whose replay waits for the store, however much arrives meanwhile, and sends everything once in order', async () => {
    start(2, 100);
    const client = new ClientSocket();
    await hub.subscribe(client, 'articles', '0');
    for (let cursor = 3; cursor <= 10; cursor++) commit(cursor);
    await stream.answerNextRead();
    await client.replays;

    expect(client.droppedAsTooSlow).toBe(0);
    expect(client.received).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
  });

  it('stops counting what the replay itself has sent, so a client that pauses after it is not dropped for it', async () => {
    start(2, 2);
    const client = new ClientSocket();
    await hub.subscribe(client, 'articles', '0');
    commit(3);
    commit(4);
    await stream.answerNextRead();
    await stream.answerNextRead();
    await stream.nextRead();
    // The replay read 3 and 4 from the stream: what was held of them is sent, not waiting.
    client.needsDrain = true;
    commit(5);
    expect(client.droppedAsTooSlow).toBe(0);

    client.needsDrain = false;
    await stream.answerNextRead();
    await client.replays;
    expect(client.received).toEqual(['1', '2', '3', '4', '5']);
  });
  it("does not count what a subscription holds while it waits for another topic's replay on the same socket", async () => {
    start(5, 2);
    const client = new ClientSocket();
    client.stopsReadingAfter = '1';
    await hub.subscribe(client, 'articles', '0');
    await hub.subscribe(client, 'notes', '5');
    await stream.answerNextRead();
    await client.stalled;
    // The socket is full with the articles replay; notes waits for its turn and holds what arrives.
    for (let cursor = 6; cursor <= 9; cursor++) commit(cursor, 'notes');
    expect(client.droppedAsTooSlow).toBe(0);

    client.resumesReading();
    // articles: 2-3, 4-5, then an empty page; notes: 6-7, 8-9, then an empty page.
    for (let read = 0; read < 6; read++) await stream.answerNextRead();
    await client.replays;
    expect(client.droppedAsTooSlow).toBe(0);
    expect(client.received).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('does not count the changes a view would not send', async () => {
    start(0, 2);
    const client = new ClientSocket();
    await hub.subscribe(client, 'mine', '0');
    await stream.nextRead();
    client.needsDrain = true;
    for (let cursor = 1; cursor <= 4; cursor++) commit(cursor, 'notes');
    expect(client.droppedAsTooSlow).toBe(0);
  });
});
