import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, input } from '@angular/core';
import { PendingDeletions, articleKey } from '../../core/deletion/pending-deletions';
import { ArticlePreview } from '../../shared/article-preview';
import { pageCount } from '../../shared/pagination';
import { PaginationNav } from '../../shared/pagination-nav';
import type { LiveArticleList } from './live-article-list';

/**
 * A live list of article previews with its pagination; the page provides the `LiveArticleList`. A reader
 * who has scrolled below the top of the list is not pushed around by new articles: they wait behind an
 * "N new articles" pill, announced politely, which brings them in and scrolls to the top.
 */
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
        <div class="new-articles" aria-live="polite">
          @if (l.newArticles(); as count) {
            <button type="button" class="btn btn-sm btn-primary new-articles__pill" data-testid="new-articles" (click)="showNew()">
              <span aria-hidden="true">↑</span> {{ count }} new {{ count === 1 ? 'article' : 'articles' }}
            </button>
          }
        </div>
        <ul class="article-list" data-testid="article-list">
          @for (article of shown(); track article.slug) {
            <li data-testid="article-preview" [attr.data-slug]="article.slug">
              <!-- Hydrated as it scrolls into view, or on a click (docs/architecture.md, "Pages"). -->
              @defer (on immediate; hydrate on viewport) {
                <app-article-preview [article]="article" (favorited)="l.replace($event)" />
              }
            </li>
          } @empty {
            <li class="empty-feed-message notice">{{ emptyMessage() }}</li>
          }
        </ul>
        <app-pagination [current]="page()" [count]="pages()" />
      }
    }
  `,
  styles: `
    :host { display: block; }
    /* Sticks to the top of the viewport while the list is under it; takes no room, so nothing moves when it shows. */
    .new-articles { position: sticky; top: 0.5rem; z-index: 2; height: 0; display: flex; justify-content: center; align-items: flex-start; }
    .new-articles__pill { border-radius: 999px; font-weight: 600; box-shadow: 0 2px 6px rgb(0 0 0 / 0.25); }
  `,
})
export class ArticleList {
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  private readonly deletions = inject(PendingDeletions);

  readonly list = input.required<LiveArticleList>();
  readonly page = input.required<number>();
  readonly emptyMessage = input('No articles are here... yet.');
  protected readonly pages = computed(() => pageCount(this.list().articlesCount()));
  /** Without the articles this reader is deleting (the undo window) or has deleted. */
  protected readonly shown = computed(() => {
    const hidden = this.deletions.hidden();
    return this.list().articles().filter((article) => !hidden.has(articleKey(article)));
  });

  constructor() {
    // In the browser only: on the server, and until hydration, every article goes straight in.
    afterNextRender(() => this.list().holdNewArticlesUnless(() => this.host.nativeElement.getBoundingClientRect().top >= 0));
  }

  protected showNew(): void {
    this.list().showNew();
    this.document.defaultView?.scrollTo({ top: 0 });
    // The pill goes with the click: the reader's focus goes to the newest article rather than to the page.
    afterNextRender(
      () => this.host.nativeElement.querySelector<HTMLElement>('[data-testid="article-preview"] a.preview-link')?.focus({ preventScroll: true }),
      { injector: this.injector },
    );
  }
}
