import { ChangeDetectionStrategy, Component, computed, effect, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { Session } from '../../core/auth/session';
import { PageMeta } from '../../core/seo/page-meta';
import { ARTICLES_PER_PAGE, pageFromParam } from '../../shared/pagination';
import { ArticleList } from '../articles/article-list';
import type { ArticleListQuery, ArticleSource } from '../../core/api/article-list-request';
import { LiveArticleList } from '../articles/live-article-list';
import { LiveTags } from './live-tags';

/**
 * Global feed (`/`), the reader's feed (`/?feed=following`) and a tag (`/tag/:tag`), each paginated with
 * `?page=N`. New articles go straight to the top of the first page while the reader sees its top, and wait
 * behind an "N new articles" pill once they have scrolled below it (ArticleList). The Popular Tags box
 * follows the stream too (LiveTags).
 */
@Component({
  selector: 'app-home-page',
  imports: [ArticleList, RouterLink],
  providers: [LiveArticleList, LiveTags],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="home-page">
      @if (!session.signedIn()) {
        <div class="banner">
          <div class="container">
            <h1 class="logo-font">conduit</h1>
            <p>A place to share your knowledge.</p>
          </div>
        </div>
      } @else {
        <h1 class="visually-hidden">Conduit</h1>
      }
      <div class="container page">
        <div class="row">
          <section class="col-main" aria-labelledby="feed-heading">
            <h2 id="feed-heading" class="visually-hidden">{{ heading() }}</h2>
            <div class="feed-toggle">
              <ul class="nav nav-pills outline-active">
                @if (session.signedIn()) {
                  <li class="nav-item">
                    <a class="nav-link" [class.active]="source().kind === 'feed'" routerLink="/" [queryParams]="{ feed: 'following' }"
                      [attr.aria-current]="source().kind === 'feed' ? 'page' : null">Your Feed</a>
                  </li>
                }
                <li class="nav-item">
                  <a class="nav-link" [class.active]="source().kind === 'global'" routerLink="/"
                    [attr.aria-current]="source().kind === 'global' ? 'page' : null">Global Feed</a>
                </li>
                @if (tag(); as t) {
                  <li class="nav-item">
                    <a class="nav-link active" [routerLink]="['/tag', t]" aria-current="page"><span aria-hidden="true">#</span> {{ t }}</a>
                  </li>
                }
              </ul>
            </div>
            @if (source().kind === 'feed' && !session.signedIn()) {
              <p class="empty-feed-message notice"><a routerLink="/login">Sign in</a> to see the articles of the people you follow.</p>
            } @else {
              <app-article-list [list]="list" [page]="query().page" [emptyMessage]="emptyMessage()" />
            }
          </section>
          <aside class="col-side">
            <div class="sidebar">
              <h2 class="sidebar-title">Popular Tags</h2>
              <!-- Below the list on a phone: hydrated as it scrolls into view (docs/architecture.md, "Pages"). -->
              @defer (on immediate; hydrate on viewport) {
                @if (tags(); as all) {
                  <div class="tag-list" data-testid="popular-tags">
                    @for (t of all; track t) {
                      <a [routerLink]="['/tag', t]" class="tag-pill tag-default">{{ t }}</a>
                    } @empty {
                      <p class="notice">No tags are here... yet.</p>
                    }
                  </div>
                } @else {
                  <p class="notice">Loading tags...</p>
                }
              }
            </div>
          </aside>
        </div>
      </div>
    </div>
  `,
})
export class HomePage {
  protected readonly session = inject(Session);
  protected readonly list = inject(LiveArticleList);
  private readonly meta = inject(PageMeta);

  /** Route inputs (withComponentInputBinding): `?feed=`, `?page=`, `/tag/:tag`. */
  readonly feed = input<string>();
  readonly page = input<string>();
  readonly tag = input<string>();

  protected readonly tags = inject(LiveTags).tags;

  protected readonly source = computed<ArticleSource>(() => {
    const tag = this.tag();
    if (tag) return { kind: 'tag', tag };
    return this.feed() === 'following' ? { kind: 'feed' } : { kind: 'global' };
  });
  protected readonly query = computed<ArticleListQuery>(() => ({
    source: this.source(),
    page: pageFromParam(this.page()),
    perPage: ARTICLES_PER_PAGE,
  }));
  protected readonly heading = computed(() => {
    const source = this.source();
    return source.kind === 'tag' ? `Articles tagged ${source.tag}` : source.kind === 'feed' ? 'Your feed' : 'Global feed';
  });
  protected readonly emptyMessage = computed(() =>
    this.source().kind === 'feed' ? 'No articles are here... yet. Follow some authors to fill your feed.' : 'No articles are here... yet.',
  );

  constructor() {
    this.list.follow(computed(() => (this.source().kind === 'feed' && !this.session.signedIn() ? { ...this.query(), source: { kind: 'global' } } : this.query())));
    effect(() => {
      const source = this.source();
      const page = this.query().page;
      const title = source.kind === 'tag' ? `#${source.tag}` : source.kind === 'feed' ? 'Your feed' : null;
      this.meta.set(page > 1 ? `${title ?? 'Articles'}, page ${page}` : title, source.kind === 'tag'
        ? `The latest Conduit articles tagged ${source.tag}, updated live.`
        : 'Conduit: a place to share your knowledge. The latest articles, updated live.');
    });
  }
}
