import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { ARTICLES_TOPIC, type ArticleSummary } from '@conduit/contract';
import { LiveConnection, type LiveEvent } from '@conduit/live-angular';
import { EMPTY, catchError, concatMap, of, switchMap, tap, type Observable } from 'rxjs';
import { ArticlesApi, type ArticleListSnapshot } from '../../core/api/articles.api';
import { applyArticleChange } from './apply-article-change';

/**
 * The home page's article list: a REST snapshot (rendered on the server, reused by the browser through the
 * transfer cache), then kept current from the `articles` topic from that snapshot's cursor once hydrated.
 */
@Injectable()
export class LiveArticleList {
  private readonly api = inject(ArticlesApi);
  private readonly live = inject(LiveConnection);
  private readonly destroyRef = inject(DestroyRef);

  private readonly articlesState = signal<readonly ArticleSummary[]>([]);
  private readonly loadState = signal<'loading' | 'loaded' | 'failed'>('loading');

  readonly articles = this.articlesState.asReadonly();
  readonly loadStatus = this.loadState.asReadonly();

  start(): void {
    this.snapshot()
      .pipe(
        // On the server, and in the browser until hydration, the topic emits nothing and opens nothing.
        switchMap((snapshot) => this.live.topic(ARTICLES_TOPIC, snapshot.cursor)),
        concatMap((event) => this.onEvent(event)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  private onEvent(event: LiveEvent): Observable<unknown> {
    if (event.kind === 'change') {
      this.articlesState.update((list) => applyArticleChange(list, event.change));
      return EMPTY;
    }
    // The server lost our position: take a new snapshot and go on from its cursor. The topic is paused
    // meanwhile, so nothing is applied to a list that is about to be replaced.
    return this.snapshot().pipe(
      tap((snapshot) => {
        if (snapshot.cursor) this.live.resubscribe(ARTICLES_TOPIC, snapshot.cursor);
      }),
    );
  }

  private snapshot(): Observable<ArticleListSnapshot> {
    return this.api.latest().pipe(
      tap((snapshot) => {
        this.articlesState.set(snapshot.articles);
        this.loadState.set('loaded');
      }),
      catchError((error: unknown) => {
        console.error('Could not load the articles', error);
        this.loadState.set('failed');
        return of();
      }),
    );
  }
}
