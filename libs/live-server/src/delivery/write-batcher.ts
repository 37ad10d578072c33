import type { Socket } from 'node:net';

/** Past this many bytes held for one socket, they are written without waiting for the batch to end. */
const MAX_HELD_BYTES = 16 * 1024;

/** A batch that starts sooner than this after the previous one ended is held until then. */
const MIN_FLUSH_INTERVAL_MS = 10;

/**
 * Under load, the syscall per frame is what fan-out costs, so frames are written in batches: those a
 * socket gets in one event-loop turn (a burst of changes, commits that completed together, a replay
 * batch) leave together, in one writev, when the turn's I/O callbacks are done (setImmediate) or
 * 16 KiB have piled up. The first frame of a turn goes out at once, so a lone change is not delayed;
 * but when changes come faster than one per 10 ms, a batch that starts within 10 ms of the previous
 * one is held whole until those 10 ms have passed, so each socket gets one write per 10 ms at most,
 * whatever the rate of changes. One batcher serves every socket of a gateway: a batch is a turn of
 * the event loop, not of one socket.
 */
export class WriteBatcher {
  private readonly sentInBatch = new Set<Socket>();
  private readonly corked: Socket[] = [];
  private batchOpen = false;
  private holdingAll = false;
  private lastFlushAt = -Infinity;

  /**
   * Called before each frame written to `socket`. ws corks around each frame itself; corks nest, so
   * its own uncork does not flush ours.
   */
  beforeWrite(socket: Socket): void {
    if (!this.batchOpen) this.openBatch();
    if (!this.holdingAll && !this.sentInBatch.has(socket)) {
      this.sentInBatch.add(socket);
      return;
    }
    if (socket.writableCorked === 0) {
      socket.cork();
      this.corked.push(socket);
    } else if (socket.writableLength >= MAX_HELD_BYTES) {
      socket.uncork();
      socket.cork();
    }
  }

  private openBatch(): void {
    this.batchOpen = true;
    const wait = this.lastFlushAt + MIN_FLUSH_INTERVAL_MS - performance.now();
    this.holdingAll = wait > 0;
    if (this.holdingAll) setTimeout(this.endBatch, wait);
    else setImmediate(this.endBatch);
  }

  private readonly endBatch = (): void => {
    for (const socket of this.corked) {
      if (socket.writableCorked > 0) socket.uncork();
    }
    this.corked.length = 0;
    this.sentInBatch.clear();
    this.batchOpen = false;
    this.lastFlushAt = performance.now();
  };
}
