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
        <!-- An h1 as in the RealWorld template, which its front-end suite clicks; in the outline it sits
             under the page's h1 and the list's h2. -->
        <h1 class="title" aria-level="3">{{ a.title }}</h1>
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
