import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Cursor, ServerFrame } from '@conduit/contract';
import type { StoredChange } from './change';
import { batchWrites } from './write-batching';
import type { LiveUser, TopicView } from './topic-policy';

const TEXT_FRAME = { binary: false } as const;
const SETTLED: Promise<void> = Promise.resolve();

/** One topic subscription of one socket. */
export class LiveSubscription {
  /** Live changes held back while the replay from the cursor is still being read. */
  buffer: StoredChange[] | null = [];
  active = true;

  constructor(
    readonly connection: LiveConnection,
    readonly topic: string,
    /** The last cursor sent (or subscribed from): nothing at or before it is sent again. */
    public cursor: Cursor,
  ) {}

  /** Set for a view topic (the feed), once opened: where its changes come from and which pass. */
  view?: TopicView;

  /** The stream topic whose changes this subscription follows. */
  get source(): string {
    return this.view?.source ?? this.topic;
  }
}

/** Server-side state of one socket: its subscriptions and the counters that guard against abuse. */
export class LiveConnection {
  readonly subscriptions = new Map<string, LiveSubscription>();
  user?: LiveUser;
  /** The token `user` was accepted with, checked again when that account changes (LiveHub.recheckUser). */
  token?: string;
  missedPongs = 0;
  badFrames = 0;
  private windowStartedAt = 0;
  private framesInWindow = 0;

  /** Set once the socket was found too slow; nothing more is sent to it. */
  dropped = false;
  /** The end of this socket's replays: they run one after another. */
  replays = SETTLED;

  constructor(
    readonly socket: WebSocket,
    /** The TCP socket under `socket`, from the upgrade request. */
    private readonly transport: Socket,
    private readonly maxBufferedBytes: number,
    private readonly onTooSlow: (connection: LiveConnection) => void,
  ) {}

  get isOpen(): boolean {
    return this.socket.readyState === this.socket.OPEN && !this.dropped;
  }

  send(frame: ServerFrame): void {
    if (this.mayWrite()) this.socket.send(JSON.stringify(frame), TEXT_FRAME);
  }

  /**
   * A frame already encoded for the wire (a change), written straight to the TCP socket: `ws` would
   * frame it again for every socket. Safe beside `ws`'s own writes because the gateway runs without
   * permessage-deflate, so `ws` writes every frame synchronously and in call order, never queued.
   */
  sendWireFrame(frame: Buffer): void {
    if (!this.isOpen) return;
    // Before the slow-reader check: it flushes what batching holds past 16 KiB, so that the check
    // counts what the client has not read, not what we held back on purpose.
    batchWrites(this.transport);
    if (this.mayWrite()) this.transport.write(frame);
  }

  /** The client reads slower than we write: the TCP socket holds more than its high-water mark unsent. */
  get needsDrain(): boolean {
    return this.transport.writableNeedDrain;
  }

  /** Resolves once the TCP socket has handed what it holds to the kernel, or closed. */
  drained(): Promise<void> {
    if (!this.isOpen || !this.needsDrain) return SETTLED;
    return new Promise((resolve) => {
      const done = () => {
        this.transport.off('drain', done);
        this.transport.off('close', done);
        resolve();
      };
      this.transport.on('drain', done);
      this.transport.on('close', done);
    });
  }

  private mayWrite(): boolean {
    if (!this.isOpen) return false;
    // A client that does not read lets frames pile up in memory; past the mark it is dropped (1013)
    // and resumes from its cursor when it reconnects, so the others never wait for it.
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.dropped = true;
      this.onTooSlow(this);
      return false;
    }
    return true;
  }

  /** Counts one incoming frame; false once the client exceeds its per-second allowance. */
  countFrame(now: number, maxPerSecond: number): boolean {
    if (now - this.windowStartedAt >= 1000) {
      this.windowStartedAt = now;
      this.framesInWindow = 0;
    }
    this.framesInWindow += 1;
    return this.framesInWindow <= maxPerSecond;
  }
}
