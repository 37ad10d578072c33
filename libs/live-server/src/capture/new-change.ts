import type { ChangeType } from '@conduit/contract';

/** A change as a feature describes it, before it is written and gets its cursor. */
export interface NewChange {
  topic: string;
  type: ChangeType;
  /** `article`, `comment`, or an internal kind on a topic no client can subscribe to. */
  entity: string;
  key: string;
  data: unknown;
  /** Who a filtered view of the topic delivers it to (the author's id, for the feed). */
  audience?: string;
}
