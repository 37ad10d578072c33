import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { errorMessages } from '../../core/api/api-errors';
import { CommentsApi } from '../../core/api/comments.api';
import { Session } from '../../core/auth/session';
import { PendingDeletions, commentKey } from '../../core/deletion/pending-deletions';
import { takeOverSubmit } from '../../core/forms/take-over-submit';
import { RefusedForms } from '../../core/forms/refused-form';
import { avatarUrl } from '../../shared/avatar';
import { AvatarFallback } from '../../shared/avatar-fallback';
import { ErrorList } from '../../shared/error-list';
import { TimeAgo } from '../../shared/time/time-ago';
import { ArticleReaders } from './article-readers';
import type { LiveArticle } from './live-article';

@Component({
  selector: 'app-article-comments',
  imports: [RouterLink, ErrorList, AvatarFallback, TimeAgo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let article = live().article()!;
    <section class="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading" class="comments-title">Comments <span class="count">({{ shown().length }})</span></h2>
      @if (session.user(); as user) {
        @if (!closed()) {
          <app-error-list [messages]="errors()" />
          <form class="card comment-form" method="post" [attr.action]="'/article/' + article.slug" (submit)="post($event)">
            <div class="card-block">
              <label for="comment-body" class="visually-hidden">Your comment</label>
              <textarea id="comment-body" class="form-control" name="body" placeholder="Write a comment..." rows="3" required [disabled]="posting()" (input)="readers.typed()">{{ refused?.text('body') }}</textarea>
            </div>
            <div class="card-footer">
              <img appAvatarFallback [src]="avatar(user.image)" class="comment-author-img" alt="" width="30" height="30" />
              <button class="btn btn-sm btn-primary" type="submit" [disabled]="posting()">Post Comment</button>
            </div>
          </form>
        }
      } @else {
        <p class="notice"><a routerLink="/login">Sign in</a> or <a routerLink="/register">sign up</a> to add comments on this article.</p>
      }
      <ul class="comment-list" data-testid="comment-list">
        @for (comment of shown(); track comment.id) {
          <li class="card" data-testid="comment" [attr.data-id]="comment.id">
            <div class="card-block">
              <p class="card-text">{{ comment.body }}</p>
            </div>
            <div class="card-footer">
              <a [routerLink]="['/profile', comment.author.username]" class="comment-author" tabindex="-1" aria-hidden="true">
                <img appAvatarFallback [src]="avatar(comment.author.image)" class="comment-author-img" alt="" width="30" height="30" />
              </a>
              <a [routerLink]="['/profile', comment.author.username]" class="comment-author">{{ comment.author.username }}</a>
              <time class="date-posted" [appTimeAgo]="comment.createdAt"></time>
              @if (session.user()?.username === comment.author.username) {
                <span class="mod-options">
                  <button type="button" class="btn-icon" aria-label="Delete comment" (click)="remove(article.slug, comment.id)">
                    <i class="ion-trash-a" aria-hidden="true"><svg viewBox="0 0 16 16" width="16" height="16" fill="currentColor"><path d="M6 1h4l1 1h3v2H2V2h3zM3 5h10l-1 10H4z"/></svg></i>
                  </button>
                </span>
              }
            </div>
          </li>
        } @empty {
          <li class="notice">No comments yet.</li>
        }
      </ul>
      <p class="typing-notice" data-testid="typing">{{ typingText() }}</p>
    </section>
  `,
  styles: `
    .typing-notice { min-height: 1.5em; margin: 0.5rem 0 0; color: var(--muted); font-size: 0.9rem; font-style: italic; }
  `,
})
export class ArticleComments {
  protected readonly session = inject(Session);
  protected readonly readers = inject(ArticleReaders);
  private readonly api = inject(CommentsApi);
  private readonly deletions = inject(PendingDeletions);
  readonly live = input.required<LiveArticle>();
  /** No new comments on a deleted article. */
  readonly closed = input(false);
  protected readonly posting = signal(false);
  /** Its text is the field's default content, which never overwrites what a reader types while the page hydrates. */
  protected readonly refused = inject(RefusedForms).take();
  protected readonly errors = signal<string[]>(this.refused?.messages ?? []);
  protected readonly avatar = avatarUrl;
  /** Without the comments this reader is deleting (the undo window) or has deleted. */
  protected readonly shown = computed(() => {
    const hidden = this.deletions.hidden();
    return this.live().comments().filter((comment) => !hidden.has(commentKey(comment.id)));
  });
  protected readonly typingText = computed(() => {
    const typists = this.readers.typists();
    if (typists.length === 0) return '';
    const who = typists.length === 1 ? typists[0] : `${typists.slice(0, -1).join(', ')} and ${typists[typists.length - 1]}`;
    return `${who} ${typists.length === 1 ? 'is' : 'are'} typing…`;
  });

  protected post(event: SubmitEvent): void {
    const form = takeOverSubmit(event, this.posting());
    if (!form) return;
    const body = form.text('body');
    if (!body) return;
    this.posting.set(true);
    this.errors.set([]);
    this.api.add(this.live().article()!.slug, body).subscribe({
      next: (comment) => {
        this.live().addOwnComment(comment);
        form.element.reset();
        this.posting.set(false);
      },
      error: (error: unknown) => {
        this.errors.set(errorMessages(error));
        this.posting.set(false);
      },
    });
  }

  protected remove(slug: string, id: number): void {
    this.deletions.schedule({ key: commentKey(id), what: 'Comment', send: (options) => this.api.delete(slug, id, options) });
  }
}
