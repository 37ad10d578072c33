import WebSocket from 'ws';
import { CloseCode, compareCursors, type Cursor, type ServerFrame } from '@conduit/contract';
import type { ClusterInstance } from '../../support/api-cluster';
import type { SeededRandom } from '../../support/seeded-random';
import { applyChange, type Snapshot, type View } from './views';

export const ROLLED_BACK = 'rolled-back-';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Applied {
  cursor: Cursor;
  key: string;
  type: string;
}

/** From one snapshot cursor on: the changes applied. A `reset` ends a segment; a fresh snapshot starts the next. */
export interface Segment {
  from: Cursor;
  applied: Applied[];
}

export interface Stats {
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
  /** Snapshots a reset client could not fetch, with the reason: none is expected, as no instance dies while they run. */
  snapshotFailures: string[];
}

/** One topic a client follows: its view, what it applied since each snapshot, and how it takes a new snapshot. */
export class FollowedTopic {
  readonly segments: Segment[];
  view: View;
  lastApplied: Cursor;
  resets = 0;
  /** Between a `reset` and the new snapshot's subscribe: not subscribed on any socket. */
  resnapshotting = false;
  /** Last change cursor on the current subscription. */
  subscriptionCursor: Cursor | null = null;

  constructor(
    readonly topic: string,
    first: Snapshot,
    readonly takeSnapshot: (instance: ClusterInstance) => Promise<Snapshot>,
  ) {
    this.segments = [{ from: first.cursor, applied: [] }];
    this.view = new Map(first.view);
    this.lastApplied = first.cursor;
  }
}

/**
 * A client as the real one behaves (PROTOCOL.md): applies a change only if its cursor is after the last
 * one applied on its topic, reconnects with backoff to any instance on every close, resubscribes each
 * topic from the last cursor applied, and on `reset` takes a fresh snapshot and subscribes from its cursor.
 */
export class ChaosClient {
  socket: WebSocket | null = null;
  instance: ClusterInstance | null = null;
  closeCodes: number[] = [];
  private stopped = false;
  private parked = false;
  private attempt = 0;
  private paused = false;
  private onPausedClose?: (code: number) => void;
  private readonly byTopic: Map<string, FollowedTopic>;

  constructor(
    readonly id: number,
    readonly topics: FollowedTopic[],
    private readonly instances: () => ClusterInstance[],
    private readonly stats: Stats,
    private readonly random: SeededRandom,
  ) {
    this.byTopic = new Map(topics.map((followed) => [followed.topic, followed]));
  }

  get connected(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  topic(name: string): FollowedTopic {
    return this.byTopic.get(name)!;
  }

  connect(instance: ClusterInstance, { stopReading = false } = {}): void {
    this.instance = instance;
    const socket = new WebSocket(instance.wsUrl);
    this.socket = socket;
    socket.on('open', () => {
      for (const followed of this.topics) if (!followed.resnapshotting) this.subscribe(followed);
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
      if (!this.stopped && !this.parked) void this.reconnect();
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
    if (!this.socket || this.paused || this.parked) return;
    if (this.random.next() < 0.5) this.socket.terminate();
    else this.socket.close();
  }

  /** Cuts the socket and stays away until `release`, so that retention can pass this client's cursors by. */
  park(): void {
    this.parked = true;
    this.socket?.terminate();
  }

  release(): void {
    this.parked = false;
    if (!this.socket) void this.reconnect();
  }

  stop(): void {
    this.stopped = true;
    this.socket?.terminate();
  }

  private subscribe(followed: FollowedTopic): void {
    followed.subscriptionCursor = null;
    this.socket!.send(JSON.stringify({ event: 'subscribe', data: { topic: followed.topic, cursor: followed.lastApplied } }));
  }

  private async reconnect(): Promise<void> {
    this.stats.reconnects += 1;
    // Backoff with jitter, as the protocol asks (scaled down from 0.5 s..30 s to keep the run short).
    const delay = Math.min(50 * 2 ** this.attempt, 1000);
    this.attempt += 1;
    await pause(delay / 2 + this.random.next() * (delay / 2));
    if (this.stopped || this.parked || this.socket) return;
    const running = this.instances().filter((instance) => instance.running);
    this.connect(this.random.pick(running.length > 0 ? running : this.instances()));
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.event) {
      case 'subscribed': {
        this.attempt = 0;
        const followed = this.topic(frame.data.topic);
        if (frame.data.cursor !== followed.lastApplied) this.stats.protocolViolations.push(`client ${this.id}: subscribed to ${followed.topic} from ${frame.data.cursor}, asked ${followed.lastApplied}`);
        followed.subscriptionCursor = frame.data.cursor;
        return;
      }
      case 'change': {
        const change = frame.data;
        const followed = this.topic(change.topic);
        if (change.key.startsWith(ROLLED_BACK)) this.stats.rolledBackSeen.push(`client ${this.id}: ${change.cursor} ${change.key}`);
        if (followed.subscriptionCursor === null || compareCursors(change.cursor, followed.subscriptionCursor) <= 0) {
          this.stats.orderViolations.push(`client ${this.id} on instance ${this.instance?.index}: ${change.topic} change ${change.cursor} after ${followed.subscriptionCursor}`);
        }
        followed.subscriptionCursor = change.cursor;
        if (compareCursors(change.cursor, followed.lastApplied) <= 0) return;
        applyChange(followed.view, change);
        followed.segments[followed.segments.length - 1].applied.push({ cursor: change.cursor, key: change.key, type: change.type });
        followed.lastApplied = change.cursor;
        this.stats.deliveries += 1;
        return;
      }
      case 'reset': {
        const followed = this.topic(frame.data.topic);
        followed.resets += 1;
        this.stats.resets += 1;
        void this.resnapshot(followed);
        return;
      }
      case 'error':
        // The slow client's barrier answer; anything else is unexpected.
        if (frame.data.message !== 'frame is not valid JSON') this.stats.protocolViolations.push(`client ${this.id}: error ${JSON.stringify(frame.data)}`);
        return;
      default:
        return;
    }
  }

  /** After a reset: a fresh snapshot from any running instance, then subscribe from its cursor. */
  private async resnapshot(followed: FollowedTopic): Promise<void> {
    followed.resnapshotting = true;
    for (;;) {
      const instance = this.random.pick(this.instances().filter((candidate) => candidate.running));
      try {
        const snapshot = await followed.takeSnapshot(instance);
        followed.segments.push({ from: snapshot.cursor, applied: [] });
        followed.view = snapshot.view;
        followed.lastApplied = snapshot.cursor;
        followed.resnapshotting = false;
        if (this.connected) this.subscribe(followed);
        return;
      } catch (error) {
        this.stats.snapshotFailures.push(`client ${this.id}, ${followed.topic} on instance ${instance.index}: ${String(error)}`);
        await pause(100);
      }
    }
  }
}
