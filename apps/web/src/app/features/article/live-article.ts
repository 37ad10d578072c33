import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, Injectable, inject, signal, type Signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ARTICLES_TOPIC, commentsTopic, type Article, type Change, type Comment, type Profile } from '@conduit/contract';
import { LiveConnection } from '@conduit/live-angular';
import { EMPTY, Subject, catchError, defer, map, of, switchMap, tap, type Observable } from 'rxjs';
import { ArticlesApi } from '../../core/api/articles.api';
import { CommentsApi } from '../../core/api/comments.api';
import { snapshotThenLive } from '../../core/live/snapshot-then-live';
import { TabChannel } from '../../core/tabs/tab-channel';
import { keepReaderFields } from '../articles/apply-article-change';
import { addOwnComment, applyCommentChange } from './apply-comment-change';

export type ArticleStatus = 'loading' | 'loaded' | 'missing' | 'deleted' | 'failed';

/**
 * One article and its comments: REST snapshots (SSR, reused through the transfer cache), then kept current
 * from the `articles` topic (edits, favorite counts, deletion of this article) and `articles/<slug>/comments`.
 */
@Injectable()
export class LiveArticle {
  private readonly articles = inject(ArticlesApi);
  private readonly commentsApi = inject(CommentsApi);
  private readonly live = inject(LiveConnection);
  private readonly tabs = inject(TabChannel);
  private readonly destroyRef = inject(DestroyRef);

  private readonly articleState = signal<Article | null>(null);
  private readonly commentsState = signal<readonly Comment[]>([]);
  private readonly statusState = signal<ArticleStatus>('loading');

  readonly article = this.articleState.asReadonly();
  readonly comments = this.commentsState.asReadonly();
  readonly status = this.statusState.asReadonly();
  private readonly commentAuthors = new Subject<string>();
  /** The author of each comment the stream brings as it arrives: their "is typing" ends there. */
  readonly commentArrived$ = this.commentAuthors.asObservable();

  follow(slug: Signal<string>): void {
    toObservable(slug)
      .pipe(
        switchMap((current) => {
          this.statusState.set('loading');
          return snapshotThenLive(this.live, [
            {
              name: ARTICLES_TOPIC,
              snapshot: () => this.articleSnapshot(current),
              onChange: (change) => {
                if (change.key === current) this.onChange(change);
              },
            },
            { name: commentsTopic(current), snapshot: () => this.commentsSnapshot(current), onChange: (change) => this.onChange(change) },
          ], this.otherTabs()).pipe(
            catchError((error: unknown) => {
              this.statusState.set(error instanceof HttpErrorResponse && error.status === 404 ? 'missing' : 'failed');
              return EMPTY;
            }),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  /** This reader's own action (favorite, edit): the API's answer carries the reader's fields. */
  replaceArticle(article: Article): void {
    this.articleState.set(article);
  }

  /** A profile as it now is (a follow): the article's author and the comments' authors of that name. */
  setAuthor(author: Profile): void {
    this.articleState.update((article) => (article?.author.username === author.username ? { ...article, author } : article));
    this.commentsState.update((comments) =>
      comments.map((comment) => (comment.author.username === author.username ? { ...comment, author } : comment)),
    );
  }

  addOwnComment(comment: Comment): void {
    this.commentsState.update((comments) => addOwnComment(comments, comment));
  }

  private onChange(change: Change): void {
    if (change.entity === 'comment') {
      this.commentsState.update((comments) => applyCommentChange(comments, change));
      if (change.type === 'created' && change.data) this.commentAuthors.next((change.data as Comment).author.username);
    } else if (change.type === 'deleted' || !change.data) {
      this.statusState.set('deleted');
    } else {
      const incoming = change.data as Article;
      this.articleState.update((held) => (held ? keepReaderFields(held, incoming) : incoming));
    }
  }

  private articleSnapshot(slug: string) {
    return this.articles.get(slug).pipe(
      tap(({ article }) => {
        this.articleState.set(article);
        this.statusState.set('loaded');
      }),
      map(({ cursor }) => cursor),
    );
  }

  private commentsSnapshot(slug: string) {
    return this.commentsApi.list(slug).pipe(
      tap(({ comments }) => this.commentsState.set(comments)),
      map(({ cursor }) => cursor),
      // An article without readable comments is still worth showing.
      catchError(() => of(undefined)),
    );
  }

  /**
   * The reader's own ♥ and follows, set in another tab (the stream says how many favorited, not who), in line
   * with the snapshots: one in flight could otherwise put back what the other tab changed.
   */
  private otherTabs(): Observable<Observable<unknown>> {
    return this.tabs.messages$.pipe(
      map((message) =>
        defer(() => {
          if (message.kind === 'favorite') {
            this.articleState.update((article) => (article?.slug === message.slug ? { ...article, favorited: message.favorited } : article));
          } else if (message.kind === 'following') {
            const author = this.authorNamed(message.username);
            if (author) this.setAuthor({ ...author, following: message.following });
          }
          return EMPTY;
        }),
      ),
    );
  }

  private authorNamed(username: string): Profile | undefined {
    const article = this.articleState();
    if (article?.author.username === username) return article.author;
    return this.commentsState().find((comment) => comment.author.username === username)?.author;
  }
}
