import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, computed, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { isAfter, type Article, type Change, type Cursor } from '@conduit/contract';
import { LiveConnection } from '@conduit/live-angular';
import { EMPTY, catchError, defer, distinctUntilChanged, map, of, switchMap, tap, type Observable } from 'rxjs';
import type { ArticleListQuery } from '../../core/api/article-list-request';
import { ArticlesApi, type ArticleListSnapshot } from '../../core/api/articles.api';
import { snapshotThenLive, type SnapshotTopic } from '../../core/live/snapshot-then-live';
import { TabChannel } from '../../core/tabs/tab-channel';
import { acceptsCreated, listTopic, mayChangeFavorites } from './article-list-query';
import { keepReaderFields } from './apply-article-change';
import { receiveArticleChange, showHeld, withFavorited, withSnapshot, type ListWithNew } from './new-articles';

export type LoadStatus = 'loading' | 'loaded' | 'failed';

/**
 * One list of articles: a REST snapshot (rendered on the server, reused by the browser through the transfer
 * cache), then kept current from its topic (`articles`, or `feed` for the reader's feed) from that
 * snapshot's cursor once hydrated. A new query (tab, tag, page) replaces snapshot and subscription. While
 * the reader is below the top of the list, new articles wait behind a pill (`newArticles`, `showNew`).
 * What the stream cannot say, a new snapshot does: who favorited an article (a favorited list), and a
 * follow made in another tab (the feed). The reader's own ♥ set in another tab comes from that tab.
 */
@Injectable()
export class LiveArticleList {
  private readonly api = inject(ArticlesApi);
  private readonly live = inject(LiveConnection);
  private readonly tabs = inject(TabChannel);
  private readonly destroyRef = inject(DestroyRef);

  private readonly state = signal<ListWithNew>({ shown: { articles: [], articlesCount: 0 }, held: [] });
  private readonly loadState = signal<LoadStatus>('loading');
  /** Where the last snapshot was read: a change at or before it is already in the list. */
  private snapshotCursor: Cursor | undefined;
  private readerAtTop: () => boolean = () => true;
  /** Page size of the current query: showing the held articles keeps a page at its size. */
  private perPage: number | undefined;

  readonly articles = computed(() => this.state().shown.articles);
  readonly articlesCount = computed(() => this.state().shown.articlesCount);
  /** New articles held back while the reader is below the top. */
  readonly newArticles = computed(() => this.state().held.length);
  readonly loadStatus = this.loadState.asReadonly();

  follow(query: Signal<ArticleListQuery>): void {
    toObservable(query)
      .pipe(
        distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
        switchMap((current) => {
          this.loadState.set('loading');
          this.perPage = current.perPage;
          this.state.update((list) => ({ ...list, held: [] }));
          const topic: SnapshotTopic = {
            name: listTopic(current.source),
            snapshot: () => this.snapshot(current).pipe(map(({ cursor }) => cursor)),
            onChange: (change) => this.onChange(current, change),
          };
          return snapshotThenLive(this.live, [topic], this.otherTabs(current));
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  /** Tells whether the reader sees the top of the list; until called, they do (and on the server). */
  holdNewArticlesUnless(readerAtTop: () => boolean): void {
    this.readerAtTop = readerAtTop;
  }

  /** The reader pressed the pill: the held articles go on top. */
  showNew(): void {
    this.state.update((list) => showHeld(list, this.perPage));
  }

  /** This reader's own favorite: the API's answer carries the reader's `favorited`. */
  replace(article: Article): void {
    this.state.update((list) => ({
      ...list,
      shown: {
        ...list.shown,
        articles: list.shown.articles.map((held) => {
          if (held.slug !== article.slug) return held;
          const { body: _body, ...summary } = article;
          return { ...keepReaderFields(held, summary), favorited: article.favorited };
        }),
      },
    }));
  }

  /**
   * What another tab did, in line with the snapshots (after one in flight, which could otherwise put back
   * the old ♥): a favorite sets the article's ♥, and a follow gives the feed a new snapshot.
   */
  private otherTabs(query: ArticleListQuery): Observable<Observable<unknown>> {
    return this.tabs.messages$.pipe(
      map((message) => {
        if (message.kind === 'favorite') {
          return defer(() => {
            this.state.update((list) => withFavorited(list, message.slug, message.favorited));
            return EMPTY;
          });
        }
        return message.kind === 'following' && query.source.kind === 'feed' ? this.snapshot(query) : EMPTY;
      }),
    );
  }

  private onChange(query: ArticleListQuery, change: Change): Observable<unknown> | void {
    const afterSnapshot = this.snapshotCursor === undefined || isAfter(change.cursor, this.snapshotCursor);
    if (afterSnapshot && mayChangeFavorites(query, this.articles(), change)) return this.snapshot(query);
    this.state.update((list) =>
      receiveArticleChange(list, change, { accepts: (article) => acceptsCreated(query, article), limit: query.perPage, hold: !this.readerAtTop() }),
    );
  }

  private snapshot(query: ArticleListQuery): Observable<ArticleListSnapshot> {
    return this.api.list(query).pipe(
      tap((snapshot) => {
        this.snapshotCursor = snapshot.cursor;
        this.state.update((list) => withSnapshot(list, { articles: snapshot.articles, articlesCount: snapshot.articlesCount }));
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
