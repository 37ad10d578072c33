import type { Change, Cursor } from '@conduit/contract';
import type { LiveConnection } from '@conduit/live-angular';
import { EMPTY, ReplaySubject, catchError, concatAll, defer, finalize, forkJoin, map, merge, switchMap, tap, type Observable } from 'rxjs';

/** A topic a page follows, and the REST snapshot that says where from. */
export interface SnapshotTopic {
  readonly name: string;
  /**
   * Reads the snapshot and shows it, then emits the stream cursor it was read at (undefined when the answer
   * carried none) and completes; emits nothing when it failed. Read again when the server sends `reset`.
   */
  readonly snapshot: () => Observable<Cursor | undefined>;
  /** Applies one of the topic's changes; what it returns (a new snapshot, say) runs before the next change. */
  readonly onChange: (change: Change) => Observable<unknown> | void;
}

/**
 * Snapshot, then live: reads every topic's snapshot, then follows each topic from its snapshot's cursor. In
 * the browser the first snapshot is the server-rendered one (HttpClient's transfer cache keeps its cursor
 * header), so nothing between the render and the socket is lost, and the stream drops what the snapshot
 * already shows. On the server, and in the browser until hydration, the topics emit nothing and open nothing.
 * A first snapshot that emits nothing leaves the topics unfollowed; one that errors ends the flow with its
 * error, for the caller to show (an article's 404).
 *
 * Changes are applied one at a time, in order, each after the work the previous one returned: a change that
 * arrives while a snapshot is read waits and is applied on top of it. A `reset` (the server lost the topic's
 * position) reads that topic's snapshot again and goes on from its cursor (a failure there is let go); the
 * changes wait meanwhile, so nothing is applied to what is about to be replaced. `alsoRun` queues other work in the same line (e.g.
 * another tab's follow, which calls for a new snapshot), including work asked for while the first snapshots are read. Unsubscribing
 * leaves the topics.
 */
export function snapshotThenLive(
  live: Pick<LiveConnection, 'topic' | 'resubscribe'>,
  topics: readonly SnapshotTopic[],
  alsoRun: Observable<Observable<unknown>> = EMPTY,
): Observable<unknown> {
  const resume = (topic: SnapshotTopic, name: string) =>
    topic.snapshot().pipe(
      tap((cursor) => cursor && live.resubscribe(name, cursor)),
      catchError(() => EMPTY),
    );
  return defer(() => {
    // Work asked for while the first snapshots are read runs after them (it may be newer than they are), not never.
    const asked = new ReplaySubject<Observable<unknown>>(ASKED_WHILE_LOADING);
    const listening = alsoRun.subscribe(asked);
    return forkJoin(topics.map((topic) => topic.snapshot())).pipe(
      switchMap((cursors) =>
        merge(
          ...topics.map((topic, index) =>
            live.topic(topic.name, cursors[index]).pipe(
              map((event) => defer(() => (event.kind === 'reset' ? resume(topic, event.topic) : (topic.onChange(event.change) ?? EMPTY)))),
            ),
          ),
          asked,
        ),
      ),
      // Each event becomes the work it calls for, run one after another in arrival order.
      concatAll(),
      finalize(() => listening.unsubscribe()),
    );
  });
}

/** `alsoRun` carries a reader's actions in other tabs: a handful at most while a page loads. */
const ASKED_WHILE_LOADING = 32;
