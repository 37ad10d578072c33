import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { ArticleSummary } from '@conduit/contract';

@Component({
  selector: 'app-article-preview',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = article();
    <div class="article-meta">
      <span class="author">{{ a.author.username }}</span>
      <time class="date" [attr.datetime]="a.createdAt">{{ a.createdAt | date: 'MMMM d, y' : 'UTC' }}</time>
      <span class="favorites" [attr.aria-label]="a.favoritesCount + ' favorites'">♥ {{ a.favoritesCount }}</span>
    </div>
    <h2 class="title">{{ a.title }}</h2>
    <p class="description">{{ a.description }}</p>
    @if (a.tagList.length) {
      <ul class="tag-list" aria-label="Tags">
        @for (tag of a.tagList; track tag) {
          <li class="tag">{{ tag }}</li>
        }
      </ul>
    }
  `,
  styles: `
    :host { display: block; padding: 1.5rem 0; border-top: 1px solid var(--border); }
    .article-meta { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.75rem; font-size: 0.85rem; }
    .author { color: var(--brand); font-weight: 600; }
    .date { color: var(--muted); }
    .favorites { margin-left: auto; color: var(--brand); border: 1px solid var(--brand); border-radius: 4px; padding: 0 0.4rem; }
    .title { margin: 0.5rem 0 0.25rem; font-size: 1.4rem; font-weight: 600; }
    .description { margin: 0; color: var(--muted); }
    .tag-list { display: flex; flex-wrap: wrap; gap: 0.3rem; list-style: none; margin: 0.75rem 0 0; padding: 0; }
    .tag { font-size: 0.75rem; color: var(--muted); border: 1px solid var(--border); border-radius: 999px; padding: 0.05rem 0.5rem; }
  `,
})
export class ArticlePreview {
  readonly article = input.required<ArticleSummary>();
}
