import type { ChangeType, Cursor } from '@conduit/contract';
import type { StreamChangeEntity } from '../capture/stream-change.entity';

/**
 * A change once committed, with its cursor: what the bus carries between instances and the tailer
 * hands to delivery. Plain data, so that it travels on the bus as it is.
 */
export interface CommittedChange {
  readonly topic: string;
  readonly cursor: Cursor;
  readonly type: ChangeType;
  readonly entity: string;
  readonly key: string;
  readonly audience: string | null;
  /** The change's `data` as stored: JSON text, spliced into frames without being parsed again. */
  readonly payload: string | null;
}

export function committedChange(row: StreamChangeEntity): CommittedChange {
  return { topic: row.topic, cursor: String(row.id), type: row.type, entity: row.entity, key: row.key, audience: row.audience ?? null, payload: row.payload ?? null };
}
