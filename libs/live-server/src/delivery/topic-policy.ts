import type { CommittedChange } from '../stream/committed-change';

/** Who a socket speaks for, once its `auth` frame was accepted. */
export interface LiveUser {
  id: string;
  username: string;
  /** The user's "show me as reading" setting; false: counted among an article's readers, never named. */
  showAsReading?: boolean;
}

/**
 * What a subscriber of a view topic receives: the changes of `source` that `accepts` lets through,
 * delivered under the view's own topic name. `close` runs when the subscription ends.
 */
export interface TopicView {
  source: string;
  accepts(change: CommittedChange): boolean;
  close?(): void;
}

/** A topic, or a family of topics, that clients may subscribe to. */
export interface TopicPolicy {
  pattern: string | RegExp;
  /** Only after a successful `auth`. */
  requiresAuth?: boolean;
  /** Its subscribers are its readers: they get `presence` frames and may send `typing` (presence/). */
  presence?: boolean;
  /** For a per-user view of another topic (the feed); without it the topic is served as it is. */
  view?(user: LiveUser | undefined): Promise<TopicView>;
}

export function matchesTopic(policy: TopicPolicy, topic: string): boolean {
  return typeof policy.pattern === 'string' ? policy.pattern === topic : policy.pattern.test(topic);
}
