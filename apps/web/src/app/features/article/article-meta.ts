import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { Article, Profile } from '@conduit/contract';
import { ArticlesApi } from '../../core/api/articles.api';
import { Session } from '../../core/auth/session';
import { PendingDeletions, articleKey } from '../../core/deletion/pending-deletions';
import { AuthorByline } from '../../shared/author-byline';
import { FavoriteButton } from '../../shared/favorite-button';
import { FollowButton } from '../../shared/follow-button';

/** Author, date and the actions: follow and favorite for readers, edit and delete for the author. */
@Component({
  selector: 'app-article-meta',
  imports: [RouterLink, AuthorByline, FavoriteButton, FollowButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = article();
    <div class="article-meta">
      <app-author-byline [author]="a.author" [date]="a.createdAt" />
      @if (!readOnly()) {
        <span class="actions">
          @if (isAuthor()) {
            <a class="btn btn-sm btn-outline-secondary" [routerLink]="['/editor', a.slug]"><span aria-hidden="true">✎</span> Edit Article</a>
            <button type="button" class="btn btn-sm btn-outline-danger" (click)="remove()">
              Delete Article
            </button>
          } @else {
            <app-follow-button [profile]="a.author" (changed)="followed.emit($event)" />
            <app-favorite-button [article]="a" [full]="true" (changed)="favorited.emit($event)" />
          }
        </span>
      }
    </div>
  `,
})
export class ArticleMeta {
  private readonly session = inject(Session);
  private readonly api = inject(ArticlesApi);
  private readonly router = inject(Router);
  private readonly deletions = inject(PendingDeletions);

  readonly article = input.required<Article>();
  /** A deleted article keeps its meta but offers no action. */
  readonly readOnly = input(false);
  readonly favorited = output<Article>();
  readonly followed = output<Profile>();
  protected readonly isAuthor = computed(() => this.session.user()?.username === this.article().author.username);

  /** Gone from the lists at once, with an undo on the home page it leads to; the DELETE leaves after the window. */
  protected remove(): void {
    const { slug, title, createdAt } = this.article();
    this.deletions.schedule({ key: articleKey({ slug, createdAt }), what: `Article “${title}”`, send: (options) => this.api.delete(slug, options) });
    void this.router.navigateByUrl('/');
  }
}
