import WebSocket from 'ws';
import type { ServerFrame } from '@conduit/contract';

/**
 * A test's view of one socket: every frame it received, and promises that resolve on the next
 * frame matching a predicate, or on close. Tests wait for these events, never for time.
 */
export class FrameReader {
  readonly frames: ServerFrame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters: { match: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }[] = [];
  private tallies: { match: (frame: ServerFrame) => boolean; count: number; resolve: (frames: ServerFrame[]) => void }[] = [];
  private seen = 0;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(frame)) return true;
        waiter.resolve(frame);
        return false;
      });
      this.tallies = this.tallies.filter((tally) => !this.settle(tally));
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static open(url: string, options?: WebSocket.ClientOptions): Promise<FrameReader> {
    const socket = new WebSocket(url, options);
    const reader = new FrameReader(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(reader));
      socket.once('error', reject);
    });
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame (after those already consumed by earlier calls) that matches. */
  next<E extends ServerFrame['event']>(event: E, match: (frame: Extract<ServerFrame, { event: E }>) => boolean = () => true): Promise<Extract<ServerFrame, { event: E }>> {
    return this.nextWhere((frame) => frame.event === event && match(frame as Extract<ServerFrame, { event: E }>)) as Promise<Extract<ServerFrame, { event: E }>>;
  }

  /**
   * The next frame that `test` accepts, for a wait on one of several events. Racing two `next` calls
   * instead leaves the loser waiting: it consumes a later frame it matches, which a later `next` then misses.
   */
  nextWhere(test: (frame: ServerFrame) => boolean): Promise<ServerFrame> {
    const index = this.frames.findIndex((frame, i) => i >= this.seen && test(frame));
    if (index >= 0) {
      this.seen = index + 1;
      return Promise.resolve(this.frames[index]);
    }
    return new Promise((resolve) =>
      this.waiters.push({
        match: test,
        resolve: (frame) => {
          this.seen = this.frames.indexOf(frame) + 1;
          resolve(frame);
        },
      }),
    );
  }

  /** Resolves with the frames received so far that match, once there are `count` of them. */
  received(count: number, match: (frame: ServerFrame) => boolean): Promise<ServerFrame[]> {
    return new Promise((resolve) => {
      const tally = { match, count, resolve };
      if (!this.settle(tally)) this.tallies.push(tally);
    });
  }

  private settle(tally: { match: (frame: ServerFrame) => boolean; count: number; resolve: (frames: ServerFrame[]) => void }): boolean {
    const matching = this.frames.filter(tally.match);
    if (matching.length < tally.count) return false;
    tally.resolve(matching);
    return true;
  }

  /** Frames on one socket arrive in order: once the answer to this bad frame is in, so is all before it. */
  async barrier(): Promise<void> {
    this.send('barrier');
    await this.next('error', (frame) => frame.data.message === 'frame is not valid JSON');
  }

  changes(): Extract<ServerFrame, { event: 'change' }>['data'][] {
    return this.frames.flatMap((frame) => (frame.event === 'change' ? [frame.data] : []));
  }

  close(): Promise<unknown> {
    this.socket.close();
    return this.closed;
  }
}
