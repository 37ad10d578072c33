import type { Socket } from 'node:net';

/** Past this many bytes held for one socket, they are written without waiting for the batch to end. */
const MAX_HELD_BYTES = 16 * 1024;

const sentInBatch = new Set<Socket>();
const corked: Socket[] = [];

function endBatch(): void {
  for (const socket of corked) {
    if (socket.writableCorked > 0) socket.uncork();
  }
  corked.length = 0;
  sentInBatch.clear();
}

/**
 * Called before each frame written to `socket`. The first frame in an event-loop turn goes out at
 * once, so a lone change is not delayed; the frames after it in the same turn (a burst of changes,
 * commits that completed together, a replay batch) are held and leave together, in one writev
 * instead of one syscall per frame, when the turn's I/O callbacks are done (setImmediate) or 16 KiB
 * have piled up. Under load, that syscall per frame is what limits fan-out. ws corks around each
 * frame itself; corks nest, so its own uncork does not flush ours.
 */
export function batchWrites(socket: Socket): void {
  if (sentInBatch.size === 0 && corked.length === 0) setImmediate(endBatch);
  if (!sentInBatch.has(socket)) {
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
