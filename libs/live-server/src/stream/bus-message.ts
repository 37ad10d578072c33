import { CHANGE_TYPES, CURSOR_PATTERN } from '@conduit/contract';
import type { CommittedChange } from './committed-change';

/** What one instance publishes on the Redis bus after a commit. */
export interface BusMessage {
  origin: string;
  changes: readonly CommittedChange[];
}

/**
 * The pub/sub channel of the bus under the deployment's namespace. The version is part of the name
 * because instances of two versions share a deployment during a rolling deploy: an instance built
 * before `CommittedChange` read a message in its own shape off `<ns>` itself, and turned this one into
 * broken frames. On separate channels neither hears the other, and each finds the other's changes in
 * the table by its poll: a mixed deploy is slower, never wrong. Bump it whenever the shape changes.
 */
export function changeBusChannel(namespace: string): string {
  return `${namespace}:changes:v2`;
}

/**
 * The changes of a message another instance published, or none when the text is not a message of
 * this version. What a bad change would cost (a BigInt of a cursor that is no number, in the tailer)
 * is worse than a notice lost: the tailer reads it from the table anyway.
 */
export function parseBusMessage(text: string): BusMessage | undefined {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof message !== 'object' || message === null) return undefined;
  const { origin, changes } = message as Partial<Record<keyof BusMessage, unknown>>;
  if (typeof origin !== 'string' || !Array.isArray(changes) || !changes.every(isCommittedChange)) return undefined;
  return { origin, changes };
}

function isCommittedChange(change: unknown): change is CommittedChange {
  if (typeof change !== 'object' || change === null) return false;
  const { topic, cursor, type, entity, key, audience, payload } = change as Partial<Record<keyof CommittedChange, unknown>>;
  return (
    typeof topic === 'string' &&
    typeof cursor === 'string' &&
    CURSOR_PATTERN.test(cursor) &&
    (CHANGE_TYPES as readonly unknown[]).includes(type) &&
    typeof entity === 'string' &&
    typeof key === 'string' &&
    (audience === null || typeof audience === 'string') &&
    (payload === null || typeof payload === 'string')
  );
}
