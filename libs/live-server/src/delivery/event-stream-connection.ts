import type { ServerResponse } from 'node:http';
import { isAfter, type Cursor, type ServerFrame } from '@conduit/contract';
import type { ChangeFrames } from './change-frames';
import { drainedOrClosed } from './drained';
import type { LiveSubscription } from './live-subscription';
import type { Subscriber } from './subscriber';
import type { LiveUser } from './topic-policy';

const SETTLED: Promise<void> = Promise.resolve();

/**
 * One `GET /api/live` response (PROTOCOL.md, "Server-sent events"), fed by the hub like a socket.
 *
 * Its `id:` is where a reconnect resumes every topic of the stream at once (Last-Event-ID), so a
 * change carries one only when resuming after it loses and doubles nothing: it is above every cursor
 * written so far, and it was delivered live to a stream whose topics are all live (live changes come in
 * cursor order from the tailer; a replay reads the table, which may be ahead of the tailer), or it
 * belongs to the stream's only topic. Changes without an id are still applied; a reconnect replays them.
 */
export class EventStreamConnection implements Subscriber {
  readonly subscriptions = new Map<string, LiveSubscription>();
  user?: LiveUser;
  token?: string;
  replays = SETTLED;
  /** Set once the client was found too slow; nothing more is written to it. */
  dropped = false;
  /** The highest cursor written, with its id or not. */
  private highest: Cursor;

  constructor(
    private readonly response: ServerResponse,
    /** Where the stream starts: every topic is subscribed from it. */
    from: Cursor,
    private readonly maxBufferedBytes: number,
    private readonly onTooSlow: (connection: EventStreamConnection) => void,
  ) {
    this.highest = from;
  }

  get isOpen(): boolean {
    return !this.dropped && !this.response.writableEnded && !this.response.destroyed;
  }

  get needsDrain(): boolean {
    return this.response.writableNeedDrain;
  }

  drained(): Promise<void> {
    return this.isOpen ? drainedOrClosed(this.response) : SETTLED;
  }

  /** Sets the client's resume point without an event (a block with only `id:` dispatches nothing). */
  announceCursor(): void {
    this.write(`id: ${this.highest}\n\n`);
  }

  /** A comment line: keeps proxies and the client from taking a quiet stream for a dead one. */
  heartbeat(): void {
    this.write(':\n\n');
  }

  send(frame: ServerFrame): void {
    switch (frame.event) {
      case 'reset':
        this.write(`event: reset\ndata: ${JSON.stringify(frame.data)}\n\n`);
        // Every topic was reset (on subscribe, or by a prune during its replay): the client fetches a
        // snapshot and starts anew.
        if (this.subscriptions.size === 0) this.end();
        return;
      // The hub took a topic away (the account's token was revoked): the client reconnects and is
      // answered as it now stands.
      case 'unsubscribed':
      case 'error':
        this.end();
        return;
      default:
        // `subscribed` and `authenticated` answer frames a stream never sends; presence needs the socket.
        return;
    }
  }

  sendChange(change: ChangeFrames, topic: string): void {
    if (!this.isOpen) return;
    const above = isAfter(change.cursor, this.highest);
    if (above) this.highest = change.cursor;
    const resumable = above && (this.subscriptions.size === 1 || [...this.subscriptions.values()].every((s) => s.buffer === null));
    this.write(resumable ? `id: ${change.cursor}\n${change.eventFor(topic)}` : change.eventFor(topic));
  }

  fail(): void {
    this.end();
  }

  end(): void {
    if (this.isOpen) this.response.end();
  }

  /** For a client that does not read: ending would wait for it. */
  destroy(): void {
    this.response.destroy();
  }

  private write(chunk: string): void {
    if (!this.isOpen) return;
    // As on a socket (1013): a client that does not read is dropped, and resumes by Last-Event-ID.
    if (this.response.writableLength > this.maxBufferedBytes) {
      this.dropTooSlow();
      return;
    }
    this.response.write(chunk);
  }

  dropTooSlow(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.onTooSlow(this);
  }
}
