import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Article, ArticleSummary } from '@conduit/contract';
import { AuthorByline } from './author-byline';
import { FavoriteButton } from './favorite-button';

@Component({
  selector: 'app-article-preview',
  imports: [RouterLink, AuthorByline, FavoriteButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = article();
    <div class="article-preview">
      <div class="article-meta">
        <app-author-byline [author]="a.author" [date]="a.createdAt" />
        <app-favorite-button class="pull-right" [article]="a" (changed)="favorited.emit($event)" />
      </div>
      <a class="preview-link" [routerLink]="['/article', a.slug]">
        <h2 class="title">{{ a.title }}</h2>
        <p class="description">{{ a.description }}</p>
        <span class="read-more">Read more…</span>
        @if (a.tagList.length) {
          <ul class="tag-list" aria-label="Tags">
            @for (tag of a.tagList; track tag) {
              <li class="tag-default tag-pill tag-outline">{{ tag }}</li>
            }
          </ul>
        }
      </a>
    </div>
  `,
})
export class ArticlePreview {
  readonly article = input.required<ArticleSummary>();
  readonly favorited = output<Article>();
}
