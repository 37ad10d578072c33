import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { CloseCode, type ServerFrame } from '@conduit/contract';
import type { ChangeFrames } from './change-frames';
import { drainedOrClosed } from './drained';
import type { LiveSubscription } from './live-subscription';
import type { Subscriber } from './subscriber';
import type { LiveUser } from './topic-policy';
import type { WriteBatcher } from './write-batcher';

const TEXT_FRAME = { binary: false } as const;
const SETTLED: Promise<void> = Promise.resolve();

/** A WebSocket as the hub's subscriber: its subscriptions, and the counters that guard against abuse. */
export class SocketSubscriber implements Subscriber {
  readonly subscriptions = new Map<string, LiveSubscription>();
  user?: LiveUser;
  /** The token `user` was accepted with, checked again when that account changes (LiveHub.recheckUser). */
  token?: string;
  /** Settles once the session cookie of the upgrade was checked: frames that depend on the reader wait for it. */
  identified: Promise<void> = Promise.resolve();
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
    private readonly batcher: WriteBatcher,
    private readonly maxBufferedBytes: number,
    private readonly onTooSlow: (connection: SocketSubscriber) => void,
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
    this.batcher.beforeWrite(this.transport);
    if (this.mayWrite()) this.transport.write(frame);
  }

  sendChange(change: ChangeFrames, topic: string): void {
    this.sendWireFrame(change.wireFrameFor(topic));
  }

  fail(reason: string): void {
    this.socket.close(CloseCode.ServerError, reason);
  }

  /** The client reads slower than we write: the TCP socket holds more than its high-water mark unsent. */
  get needsDrain(): boolean {
    return this.transport.writableNeedDrain;
  }

  drained(): Promise<void> {
    return this.isOpen ? drainedOrClosed(this.transport) : SETTLED;
  }

  private mayWrite(): boolean {
    if (!this.isOpen) return false;
    // A client that does not read lets frames pile up in memory; past the mark it is dropped (1013)
    // and resumes from its cursor when it reconnects, so the others never wait for it.
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.dropTooSlow();
      return false;
    }
    return true;
  }

  dropTooSlow(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.onTooSlow(this);
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
