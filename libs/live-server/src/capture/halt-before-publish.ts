import { writeSync } from 'node:fs';
import type { CommittedChange } from '../stream/committed-change';

/**
 * Test-only fault injection (CaptureOptions.haltBeforePublish, which config accepts only under
 * NODE_ENV=test): a crash between COMMIT and publish is the case the stream tailer exists for, and
 * a random kill almost never lands there. When a committed write carries a change whose key starts
 * with `keyPrefix`, the process says so on stdout and freezes, with the change committed and not
 * published, so that a test can SIGKILL it exactly there. Nothing else runs once it is frozen.
 */
export function haltBeforePublish(keyPrefix: string | null, changes: readonly CommittedChange[]): void {
  const halted = keyPrefix === null ? undefined : changes.find((change) => change.key.startsWith(keyPrefix));
  if (!halted) return;
  // Synchronous: a logger's buffered line would never leave a frozen process.
  writeSync(1, `halted between COMMIT and publish after change ${halted.cursor} (${halted.key})\n`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}
