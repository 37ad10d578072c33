import { DestroyRef, Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { TYPING_LAPSE_MS, commentsTopic, type Presence } from '@conduit/contract';
import { LiveConnection } from '@conduit/live-angular';
import { concat, filter, groupBy, map, merge, mergeMap, of, switchMap, tap, timer, type Observable } from 'rxjs';
import { Session } from '../../core/auth/session';

/**
 * Who else is on an article: its readers (the server's `presence`) and who is writing a comment
 * (`typing`, until TYPING_LAPSE_MS pass without another or their comment arrives). Nothing during
 * SSR: the frames come only once the browser's socket is live.
 */
@Injectable()
export class ArticleReaders {
  private readonly live = inject(LiveConnection);
  private readonly session = inject(Session);
  private readonly destroyRef = inject(DestroyRef);
  private readonly presenceState = signal<Presence | null>(null);
  private readonly typistsState = signal<readonly string[]>([]);
  private topic: string | null = null;

  /** The readers now; null while the socket is not live (on the SSE fallback too), rather than a count that may be stale. */
  readonly presence = computed(() => (this.live.status() === 'live' ? this.presenceState() : null));
  /** Other readers writing a comment, in the order they started. */
  readonly typists = computed(() => (this.live.status() === 'live' ? this.typistsState() : []));

  follow(slug: Signal<string>, commentArrived$: Observable<string>): void {
    toObservable(slug)
      .pipe(
        switchMap((current) => {
          const topic = commentsTopic(current);
          this.topic = topic;
          this.presenceState.set(null);
          this.typistsState.set([]);
          return merge(this.live.presence(topic).pipe(tap((presence) => this.presenceState.set(presence))), this.typing(topic, commentArrived$));
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  /** The signed-in reader typed in the comment box. */
  typed(): void {
    if (this.topic) this.live.typing(this.topic);
  }

  private typing(topic: string, commentArrived$: Observable<string>): Observable<unknown> {
    const started = this.live.typists(topic).pipe(
      // Their own other tab is not someone else.
      filter((username) => username !== this.session.user()?.username),
      map((username) => ({ username, typing: true })),
    );
    const stopped = commentArrived$.pipe(map((username) => ({ username, typing: false })));
    return merge(started, stopped).pipe(
      groupBy(({ username }) => username),
      mergeMap((notices) =>
        notices.pipe(
          switchMap(({ typing }) => (typing ? concat(of(true), timer(TYPING_LAPSE_MS).pipe(map(() => false))) : of(false))),
          tap((typing) => this.setTyping(notices.key, typing)),
        ),
      ),
    );
  }

  private setTyping(username: string, typing: boolean): void {
    this.typistsState.update((typists) => {
      if (!typing) return typists.filter((name) => name !== username);
      return typists.includes(username) ? typists : [...typists, username];
    });
  }
}
