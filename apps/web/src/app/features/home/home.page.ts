import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ArticlePreview } from '../../shared/article-preview/article-preview';
import { LiveArticleList } from './live-article-list';

@Component({
  selector: 'app-home-page',
  imports: [ArticlePreview],
  providers: [LiveArticleList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="banner">
      <div class="container">
        <h1>conduit</h1>
        <p>A place to share your knowledge.</p>
      </div>
    </section>
    <section class="container" aria-labelledby="global-feed">
      <h2 id="global-feed" class="feed-title">Global feed</h2>
      @switch (list.loadStatus()) {
        @case ('loading') {
          <p class="notice">Loading articles…</p>
        }
        @case ('failed') {
          <p class="notice notice--error" role="alert">The articles could not be loaded. Please try again later.</p>
        }
        @default {
          <ul class="article-list" data-testid="article-list">
            @for (article of list.articles(); track article.slug) {
              <li data-testid="article-preview" [attr.data-slug]="article.slug">
                <app-article-preview [article]="article" />
              </li>
            } @empty {
              <li class="notice">No articles are here... yet.</li>
            }
          </ul>
        }
      }
    </section>
  `,
  styles: `
    .banner { background: var(--brand); color: #fff; text-align: center; padding: 2rem 0; margin-bottom: 2rem;
      box-shadow: inset 0 8px 8px -8px rgb(0 0 0 / 30%), inset 0 -8px 8px -8px rgb(0 0 0 / 30%); }
    .banner h1 { margin: 0; font-size: 3rem; font-weight: 700; text-shadow: 0 1px 3px rgb(0 0 0 / 30%); }
    .banner p { margin: 0.25rem 0 0; font-size: 1.25rem; font-weight: 300; }
    .feed-title { font-size: 1rem; color: var(--brand); border-bottom: 2px solid var(--brand); display: inline-block;
      margin: 0; padding: 0.5rem 0; }
    .article-list { list-style: none; margin: 0; padding: 0; }
    .notice { color: var(--muted); padding: 1.5rem 0; }
    .notice--error { color: var(--danger); }
  `,
})
export class HomePage {
  protected readonly list = inject(LiveArticleList);

  constructor() {
    this.list.start();
  }
}
