import type { Socket } from 'node:net';

/** Past this many bytes held for one socket, they are written without waiting for the batch to end. */
const MAX_HELD_BYTES = 16 * 1024;

/** A batch that starts sooner than this after the previous one ended is held until then. */
const MIN_FLUSH_INTERVAL_MS = 10;

const sentInBatch = new Set<Socket>();
const corked: Socket[] = [];
let batchOpen = false;
let holdingAll = false;
let lastFlushAt = -Infinity;

function endBatch(): void {
  for (const socket of corked) {
    if (socket.writableCorked > 0) socket.uncork();
  }
  corked.length = 0;
  sentInBatch.clear();
  batchOpen = false;
  lastFlushAt = performance.now();
}

function openBatch(): void {
  batchOpen = true;
  const wait = lastFlushAt + MIN_FLUSH_INTERVAL_MS - performance.now();
  holdingAll = wait > 0;
  if (holdingAll) setTimeout(endBatch, wait);
  else setImmediate(endBatch);
}

/**
 * Called before each frame written to `socket`. Under load, the syscall per frame is what fan-out
 * costs, so frames are written in batches: those a socket gets in one event-loop turn (a burst of
 * changes, commits that completed together, a replay batch) leave together, in one writev, when the
 * turn's I/O callbacks are done (setImmediate) or 16 KiB have piled up. The first frame of a turn
 * goes out at once, so a lone change is not delayed; but when changes come faster than one per
 * 10 ms, a batch that starts within 10 ms of the previous one is held whole until those 10 ms have
 * passed, so each socket gets one write per 10 ms at most, whatever the rate of changes. ws corks
 * around each frame itself; corks nest, so its own uncork does not flush ours.
 */
export function batchWrites(socket: Socket): void {
  if (!batchOpen) openBatch();
  if (!holdingAll && !sentInBatch.has(socket)) {
    sentInBatch.add(socket);
    return;
  }
  if (socket.writableCorked === 0) {
    socket.cork();
    corked.push(socket);
  } else if (socket.writableLength >= MAX_HELD_BYTES) {
    socket.uncork();
    socket.cork();
  }
}
