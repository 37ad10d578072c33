import type { EventEmitter } from 'node:events';

const SETTLED: Promise<void> = Promise.resolve();

/** Resolves once `stream` has handed what it holds to the kernel (`drain`), or closed. */
export function drainedOrClosed(stream: EventEmitter & { writableNeedDrain: boolean }): Promise<void> {
  if (!stream.writableNeedDrain) return SETTLED;
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
