import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Article, ArticleSummary } from '@conduit/contract';
import { avatarUrl } from './avatar';
import { FavoriteButton } from './favorite-button';

@Component({
  selector: 'app-article-preview',
  imports: [DatePipe, RouterLink, FavoriteButton],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let a = article();
    <div class="article-preview">
      <div class="article-meta">
        <a [routerLink]="['/profile', a.author.username]" tabindex="-1" aria-hidden="true">
          <img [src]="avatar(a.author.image)" alt="" width="32" height="32" />
        </a>
        <div class="info">
          <a class="author" [routerLink]="['/profile', a.author.username]">{{ a.author.username }}</a>
          <time class="date" [attr.datetime]="a.createdAt">{{ a.createdAt | date: 'MMMM d, y' : 'UTC' }}</time>
        </div>
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
  protected readonly avatar = avatarUrl;
}
