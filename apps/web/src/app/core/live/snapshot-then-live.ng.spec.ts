import type { Change, Cursor } from '@conduit/contract';
import type { LiveEvent } from '@conduit/live-angular';
import { NEVER, Observable, Subject, of, tap } from 'rxjs';
import { snapshotThenLive, type SnapshotTopic } from './snapshot-then-live';

const change = (topic: string, cursor: Cursor, key = 'a'): Change => ({ topic, cursor, type: 'updated', entity: 'article', key, data: null });

/** The live stream as a page sees it: one subject per topic, and the topics followed, with their cursors. */
class FakeLive {
  readonly followed: Array<[string, Cursor | undefined]> = [];
  readonly resubscribed: Array<[string, Cursor]> = [];
  readonly left: string[] = [];
  private readonly topics = new Map<string, Subject<LiveEvent>>();

  topic(name: string, fromCursor?: Cursor): Observable<LiveEvent> {
    this.followed.push([name, fromCursor]);
    return new Observable<LiveEvent>((subscriber) => {
      const subscription = this.events(name).subscribe(subscriber);
      return () => {
        subscription.unsubscribe();
        this.left.push(name);
      };
    });
  }

  resubscribe(name: string, cursor: Cursor): void {
    this.resubscribed.push([name, cursor]);
  }

  send(name: string, event: LiveEvent): void {
    this.events(name).next(event);
  }

  private events(name: string): Subject<LiveEvent> {
    if (!this.topics.has(name)) this.topics.set(name, new Subject<LiveEvent>());
    return this.topics.get(name)!;
  }
}

/** A topic whose snapshots are answered by the test, one Subject per read, and whose changes are recorded. */
function topicOf(name: string) {
  const reads: Array<Subject<Cursor | undefined>> = [];
  const applied: Cursor[] = [];
  let work: (change: Change) => Observable<unknown> | void = () => undefined;
  const topic: SnapshotTopic = {
    name,
    snapshot: () => {
      const read = new Subject<Cursor | undefined>();
      reads.push(read);
      return read;
    },
    onChange: (c) => {
      applied.push(c.cursor);
      return work(c);
    },
  };
  const answer = (cursor: Cursor | undefined) => {
    const read = reads.at(-1)!;
    read.next(cursor);
    read.complete();
  };
  return { topic, reads, applied, answer, fail: () => reads.at(-1)!.error(new Error('500')), setWork: (w: typeof work) => (work = w) };
}

describe('snapshotThenLive', () => {
  let live: FakeLive;
  beforeEach(() => (live = new FakeLive()));

  it('follows each topic from the cursor of its own snapshot, once every snapshot is in', () => {
    const article = topicOf('articles');
    const comments = topicOf('articles/a/comments');
    snapshotThenLive(live, [article.topic, comments.topic]).subscribe();
    article.answer('5');
    expect(live.followed).toEqual([]);
    comments.answer('7');
    expect(live.followed).toEqual([['articles', '5'], ['articles/a/comments', '7']]);
  });

  it('follows nothing when a snapshot fails, and says so to the caller', () => {
    const list = topicOf('articles');
    const errors: unknown[] = [];
    snapshotThenLive(live, [list.topic]).subscribe({ error: (error) => errors.push(error) });
    list.fail();
    expect(live.followed).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('applies changes in order to the topic they came on', () => {
    const article = topicOf('articles');
    const comments = topicOf('articles/a/comments');
    snapshotThenLive(live, [article.topic, comments.topic]).subscribe();
    article.answer('5');
    comments.answer('5');
    live.send('articles', { kind: 'change', change: change('articles', '6') });
    live.send('articles/a/comments', { kind: 'change', change: change('articles/a/comments', '7') });
    expect(article.applied).toEqual(['6']);
    expect(comments.applied).toEqual(['7']);
  });

  it('holds the next change until the work the previous one returned is done', () => {
    const list = topicOf('articles');
    const refetch = new Subject<void>();
    list.setWork((c) => (c.cursor === '6' ? refetch : undefined));
    snapshotThenLive(live, [list.topic]).subscribe();
    list.answer('5');
    live.send('articles', { kind: 'change', change: change('articles', '6') });
    live.send('articles', { kind: 'change', change: change('articles', '7') });
    expect(list.applied).toEqual(['6']);
    refetch.complete();
    expect(list.applied).toEqual(['6', '7']);
  });

  it("after a reset, reads that topic's snapshot again and goes on from its cursor, holding the changes meanwhile", () => {
    const article = topicOf('articles');
    const comments = topicOf('articles/a/comments');
    snapshotThenLive(live, [article.topic, comments.topic]).subscribe();
    article.answer('5');
    comments.answer('5');

    live.send('articles/a/comments', { kind: 'reset', topic: 'articles/a/comments', reason: 'cursor too old' });
    expect([article.reads.length, comments.reads.length]).toEqual([1, 2]);
    live.send('articles', { kind: 'change', change: change('articles', '95') });
    expect(article.applied).toEqual([]);

    comments.answer('90');
    expect(live.resubscribed).toEqual([['articles/a/comments', '90']]);
    expect(article.applied).toEqual(['95']);
  });

  it('after a reset whose snapshot has no cursor or fails, does not resubscribe and goes on with the next changes', () => {
    const list = topicOf('articles');
    snapshotThenLive(live, [list.topic]).subscribe();
    list.answer('5');
    live.send('articles', { kind: 'reset', topic: 'articles', reason: 'cursor too old' });
    list.answer(undefined);
    live.send('articles', { kind: 'reset', topic: 'articles', reason: 'cursor too old' });
    list.fail();
    live.send('articles', { kind: 'change', change: change('articles', '8') });
    expect(live.resubscribed).toEqual([]);
    expect(list.applied).toEqual(['8']);
  });

  it('runs the other work it is given in the same line as the changes', () => {
    const list = topicOf('feed');
    const refresh = new Subject<Observable<unknown>>();
    const snapshot = new Subject<void>();
    snapshotThenLive(live, [list.topic], refresh).subscribe();
    list.answer('5');
    refresh.next(snapshot);
    live.send('feed', { kind: 'change', change: change('feed', '6') });
    expect(list.applied).toEqual([]);
    snapshot.complete();
    expect(list.applied).toEqual(['6']);
  });

  it('runs other work asked for while the first snapshot is read once that snapshot is in, and stops listening when unsubscribed', () => {
    const list = topicOf('feed');
    const refresh = new Subject<Observable<unknown>>();
    const ran: string[] = [];
    const subscription = snapshotThenLive(live, [list.topic], refresh).subscribe();
    refresh.next(of(null).pipe(tap(() => ran.push('asked while loading'))));
    expect(ran).toEqual([]);
    list.answer('5');
    expect(ran).toEqual(['asked while loading']);
    refresh.next(of(null).pipe(tap(() => ran.push('asked later'))));
    expect(ran).toEqual(['asked while loading', 'asked later']);
    subscription.unsubscribe();
    expect(refresh.observed).toBe(false);
  });

  it('leaves its topics when unsubscribed', () => {
    const list = topicOf('articles');
    const subscription = snapshotThenLive(live, [list.topic], NEVER).subscribe();
    list.answer('5');
    subscription.unsubscribe();
    expect(live.left).toEqual(['articles']);
  });

  it('reads nothing before it is subscribed', () => {
    const read = jest.fn(() => of('5'));
    snapshotThenLive(live, [{ name: 'articles', snapshot: read, onChange: () => undefined }]);
    expect(read).not.toHaveBeenCalled();
    expect(live.followed).toEqual([]);
  });
});
