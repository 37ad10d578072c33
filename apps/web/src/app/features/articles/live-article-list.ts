import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import type { Article } from '@conduit/contract';
import { LiveConnection, type LiveEvent } from '@conduit/live-angular';
import { EMPTY, catchError, concatMap, distinctUntilChanged, of, switchMap, tap, type Observable } from 'rxjs';
import { ArticlesApi, type ArticleListSnapshot } from '../../core/api/articles.api';
import { acceptsCreated, listTopic, type ArticleListQuery } from './article-list-query';
import { applyArticleChange, keepReaderFields, type ArticleListState } from './apply-article-change';

export type LoadStatus = 'loading' | 'loaded' | 'failed';

/**
 * One list of articles: a REST snapshot (rendered on the server, reused by the browser through the transfer
 * cache), then kept current from its topic (`articles`, or `feed` for the reader's feed) from that
 * snapshot's cursor once hydrated. A new query (tab, tag, page) replaces snapshot and subscription.
 */
@Injectable()
export class LiveArticleList {
  private readonly api = inject(ArticlesApi);
  private readonly live = inject(LiveConnection);
  private readonly destroyRef = inject(DestroyRef);

  private readonly state = signal<ArticleListState>({ articles: [], articlesCount: 0 });
  private readonly loadState = signal<LoadStatus>('loading');

  readonly articles = computed(() => this.state().articles);
  readonly articlesCount = computed(() => this.state().articlesCount);
  readonly loadStatus = this.loadState.asReadonly();

  follow(query: Signal<ArticleListQuery>): void {
    toObservable(query)
      .pipe(
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        switchMap((current) => {
          this.loadState.set('loading');
          return this.snapshot(current).pipe(
            // On the server, and in the browser until hydration, the topic emits nothing and opens nothing.
            switchMap((snapshot) => this.live.topic(listTopic(current.source), snapshot.cursor)),
            concatMap((event) => this.onEvent(current, event)),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  /** This reader's own favorite: the API's answer carries the reader's `favorited`. */
  replace(article: Article): void {
    this.state.update((state) => ({
      ...state,
      articles: state.articles.map((held) => {
        if (held.slug !== article.slug) return held;
        const { body: _body, ...summary } = article;
        return { ...keepReaderFields(held, summary), favorited: article.favorited };
      }),
    }));
  }

  private onEvent(query: ArticleListQuery, event: LiveEvent): Observable<unknown> {
    if (event.kind === 'change') {
      this.state.update((state) =>
        applyArticleChange(state, event.change, { accepts: (article) => acceptsCreated(query, article), limit: query.perPage }),
      );
      return EMPTY;
    }
    // The server lost our position: take a new snapshot and go on from its cursor. The topic is paused
    // meanwhile, so nothing is applied to a list that is about to be replaced.
    return this.snapshot(query).pipe(
      tap((snapshot) => {
        if (snapshot.cursor) this.live.resubscribe(event.topic, snapshot.cursor);
      }),
    );
  }

  private snapshot(query: ArticleListQuery): Observable<ArticleListSnapshot> {
    return this.api.list(query).pipe(
      tap((snapshot) => {
        this.state.set({ articles: snapshot.articles, articlesCount: snapshot.articlesCount });
        this.loadState.set('loaded');
      }),
      catchError((error: unknown) => {
        // A 4xx refuses the reader's own query (a tag or page from the address bar): the list says it
        // failed, and the server's log, where this runs during SSR, gets no error line for it.
        if (!(error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500)) console.error('Could not load the articles', error);
        this.loadState.set('failed');
        return of();
      }),
    );
  }
}
