import { ChangeDetectionStrategy, Component, computed, effect, inject, input, linkedSignal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PageMeta } from '../../core/seo/page-meta';
import { ArticleBody } from './article-body';
import { ArticleComments } from './article-comments';
import { ArticleMeta } from './article-meta';
import { ArticlePresence } from './article-presence';
import { ArticleReaders } from './article-readers';
import { LiveArticle } from './live-article';

@Component({
  selector: 'app-article-page',
  imports: [RouterLink, ArticleBody, ArticleMeta, ArticleComments, ArticlePresence],
  providers: [LiveArticle, ArticleReaders],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="article-page">
      @switch (live.status()) {
        @case ('loading') {
          <div class="container page"><p class="notice">Loading the article...</p></div>
        }
        @case ('missing') {
          <div class="container page">
            <h1>Article not found</h1>
            <p>This article does not exist, or it was deleted. <a routerLink="/">Back to the articles</a></p>
          </div>
        }
        @case ('failed') {
          <div class="container page"><p class="notice notice--error" role="alert">The article could not be loaded. Please try again later.</p></div>
        }
        @default {
          @let a = live.article()!;
          <div class="banner">
            <div class="container">
              <h1 data-testid="article-title">{{ a.title }}</h1>
              <app-article-meta [article]="a" [readOnly]="deleted()" (favorited)="live.replaceArticle($event)" (followed)="live.setAuthor($event)" />
              <app-article-presence [presence]="readers.presence()" />
            </div>
          </div>
          <div class="container page">
            @if (deleted()) {
              <p class="article-deleted" role="alert" data-testid="article-deleted">This article has been deleted by its author.
                <a routerLink="/">Back to the articles</a></p>
            }
            <div class="article-content">
              <!-- The server's HTML of the body stays as it came until the body is edited: no markdown parser loaded or run while hydrating. -->
              @defer (on immediate; hydrate when bodyEdited()) {
                <app-article-body [markdown]="a.body" />
              } @error {
                <!-- Its code could not be fetched (offline, or a deploy since): the text, unrendered, rather than nothing. -->
                <div class="article-body article-body--unrendered">{{ a.body }}</div>
              }
              @if (a.tagList.length) {
                <ul class="tag-list" aria-label="Tags">
                  @for (tag of a.tagList; track tag) {
                    <li><a class="tag-default tag-pill tag-outline" [routerLink]="['/tag', tag]">{{ tag }}</a></li>
                  }
                </ul>
              }
            </div>
            <hr />
            <div class="article-actions">
              <app-article-meta [article]="a" [readOnly]="deleted()" (favorited)="live.replaceArticle($event)" (followed)="live.setAuthor($event)" />
            </div>
            <app-article-comments [live]="live" [closed]="deleted()" />
          </div>
        }
      }
    </div>
  `,
})
export class ArticlePage {
  protected readonly live = inject(LiveArticle);
  protected readonly readers = inject(ArticleReaders);
  private readonly meta = inject(PageMeta);

  /** Route input: `/article/:slug`. */
  readonly slug = input.required<string>();
  protected readonly deleted = computed(() => this.live.status() === 'deleted');
  /** The first body this page showed: the server-rendered one, when the page was. */
  private readonly firstBody = linkedSignal<string | undefined, string | undefined>({
    source: () => this.live.article()?.body,
    computation: (body, previous) => previous?.value ?? body,
  });
  protected readonly bodyEdited = computed(() => this.live.article()?.body !== this.firstBody());

  constructor() {
    this.live.follow(this.slug);
    this.readers.follow(this.slug, this.live.commentArrived$);
    effect(() => {
      const status = this.live.status();
      const article = this.live.article();
      if (status === 'missing') this.meta.notFound('Article');
      else if (article && status !== 'loading') this.meta.set(article.title, article.description);
    });
  }
}
