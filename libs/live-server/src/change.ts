import type { Change, ChangeType, LiveEntity } from '@conduit/contract';
import type { StreamChangeEntity } from './stream-change.entity';

/** A change as a feature describes it, before it is written and gets its cursor. */
export interface NewChange {
  topic: string;
  type: ChangeType;
  entity: LiveEntity;
  key: string;
  data: unknown;
}

/**
 * A committed change with its cursor. `frame` is the complete `change` frame, serialized once so
 * that fan-out to many sockets never re-serializes the same payload.
 */
export interface StoredChange {
  topic: string;
  cursor: string;
  frame: string;
}

export function toStoredChange(row: StreamChangeEntity): StoredChange {
  const cursor = String(row.id);
  const change: Omit<Change, 'data'> = { topic: row.topic, cursor, type: row.type, entity: row.entity, key: row.key };
  const head = JSON.stringify({ event: 'change', data: change });
  // Splice the stored payload in as raw JSON instead of parsing and re-serializing it.
  const frame = `${head.slice(0, -2)},"data":${row.payload ?? 'null'}}}`;
  return { topic: row.topic, cursor, frame };
}
