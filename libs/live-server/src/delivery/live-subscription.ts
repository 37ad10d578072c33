import type { Cursor } from '@conduit/contract';
import type { ChangeFrames } from './change-frames';
import type { Subscriber } from './subscriber';
import type { TopicView } from './topic-policy';

/** One topic subscription of one subscriber (a socket or an event stream). */
export class LiveSubscription {
  /** Live changes held back while the replay from the cursor is still being read. */
  buffer: ChangeFrames[] | null = [];
  /** About how many bytes of `buffer` wait for the client beyond the replay's backlog (LiveHub.hold). */
  heldBytes = 0;
  /** Set once its replay runs: until then it may wait for another topic's replay on the same socket. */
  replaying = false;
  /** The stream's head when the replay began: the replay reads at least this far, so what is at or before it is not held. */
  replaysThrough?: Cursor;
  active = true;
  /** Set once subscribe checked the cursor against the stream's floor; until then that check answers a prune. */
  inRange = false;

  constructor(
    readonly connection: Subscriber,
    readonly topic: string,
    /** The last cursor sent (or subscribed from): nothing at or before it is sent again. */
    public cursor: Cursor,
  ) {}

  /** Set for a view topic (the feed), once opened: where its changes come from and which pass. */
  view?: TopicView;

  /** The stream topic whose changes this subscription follows. */
  get source(): string {
    return this.view?.source ?? this.topic;
  }
}
