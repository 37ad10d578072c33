import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { ArticlePreview } from '../../shared/article-preview';
import { pageCount } from '../../shared/pagination';
import { PaginationNav } from '../../shared/pagination-nav';
import type { LiveArticleList } from './live-article-list';

/** A live list of article previews with its pagination; the page provides the `LiveArticleList`. */
@Component({
  selector: 'app-article-list',
  imports: [ArticlePreview, PaginationNav],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let l = list();
    @switch (l.loadStatus()) {
      @case ('loading') {
        <p class="notice">Loading articles...</p>
      }
      @case ('failed') {
        <p class="notice notice--error" role="alert">The articles could not be loaded. Please try again later.</p>
      }
      @default {
        <ul class="article-list" data-testid="article-list">
          @for (article of l.articles(); track article.slug) {
            <li data-testid="article-preview" [attr.data-slug]="article.slug">
              <app-article-preview [article]="article" (favorited)="l.replace($event)" />
            </li>
          } @empty {
            <li class="empty-feed-message notice">{{ emptyMessage() }}</li>
          }
        </ul>
        <app-pagination [current]="page()" [count]="pages()" />
      }
    }
  `,
})
export class ArticleList {
  readonly list = input.required<LiveArticleList>();
  readonly page = input.required<number>();
  readonly emptyMessage = input('No articles are here... yet.');
  protected readonly pages = computed(() => pageCount(this.list().articlesCount()));
}
