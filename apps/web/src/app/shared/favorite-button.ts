import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { Article, ArticleSummary } from '@conduit/contract';
import { ArticlesApi } from '../core/api/articles.api';
import { TabChannel } from '../core/tabs/tab-channel';
import { ToggleAction } from './toggle-action';

/**
 * Favorite / unfavorite (`.btn-outline-primary` / `.btn-primary` by the selector contract). The count is
 * what the API answers; other readers' favorites arrive through the live topic of the page, and the reader's
 * other tabs are told, for their ♥.
 */
@Component({
  selector: 'app-favorite-button',
  providers: [ToggleAction],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = article();
    <button
      type="button"
      class="btn btn-sm"
      [class.btn-primary]="a.favorited"
      [class.btn-outline-primary]="!a.favorited"
      [attr.aria-pressed]="a.favorited"
      [attr.aria-label]="label()"
      [disabled]="action.busy()"
      (click)="toggle()"
    >
      <span aria-hidden="true">♥</span>
      @if (full()) {
        {{ a.favorited ? 'Unfavorite' : 'Favorite' }} Article
        <span class="counter">({{ a.favoritesCount }})</span>
      } @else {
        <span data-testid="favorites-count">{{ a.favoritesCount }}</span>
      }
    </button>
    <!-- Where the reader acted: a failed favorite (offline, say) must not look like nothing happened. -->
    @if (action.failure(); as message) {
      <span class="action-error" role="alert">{{ message }}</span>
    }
  `,
})
export class FavoriteButton {
  private readonly api = inject(ArticlesApi);
  private readonly tabs = inject(TabChannel);
  protected readonly action = inject(ToggleAction);

  readonly article = input.required<ArticleSummary>();
  /** The article page's wording ("Favorite Article (3)"), else a compact heart and count. */
  readonly full = input(false);
  readonly changed = output<Article>();
  protected readonly label = computed(() => {
    const a = this.article();
    const count = `${a.favoritesCount} ${a.favoritesCount === 1 ? 'favorite' : 'favorites'}`;
    return this.full() ? null : `${a.favorited ? 'Unfavorite' : 'Favorite'} "${a.title}", ${count}`;
  });

  protected toggle(): void {
    const { slug, favorited } = this.article();
    this.action.run(
      () => this.api.setFavorite(slug, !favorited),
      (article) => {
        this.tabs.post({ kind: 'favorite', slug: article.slug, favorited: article.favorited });
        this.changed.emit(article);
      },
    );
  }
}
