import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ActivatedRoute, RouterLink } from '@angular/router';
import type { Profile } from '@conduit/contract';
import { catchError, map, of, switchMap } from 'rxjs';
import { ProfilesApi } from '../../core/api/profiles.api';
import { Session } from '../../core/auth/session';
import { TabChannel } from '../../core/tabs/tab-channel';
import { PageMeta } from '../../core/seo/page-meta';
import { avatarUrl } from '../../shared/avatar';
import { AvatarFallback } from '../../shared/avatar-fallback';
import { FollowButton } from '../../shared/follow-button';
import { ARTICLES_PER_PAGE, pageFromParam } from '../../shared/pagination';
import { ArticleList } from '../articles/article-list';
import type { ArticleListQuery } from '../../core/api/article-list-request';
import { LiveArticleList } from '../articles/live-article-list';

/** `/profile/:username` (their articles) and `/profile/:username/favorites` (route `data.tab`). */
@Component({
  selector: 'app-profile-page',
  imports: [RouterLink, ArticleList, FollowButton, AvatarFallback],
  providers: [LiveArticleList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="profile-page">
      @switch (status()) {
        @case ('missing') {
          <div class="container page"><h1>Profile not found</h1><p>There is no user named {{ username() }}.</p></div>
        }
        @default {
          <div class="user-info">
            <div class="container">
              <img appAvatarFallback class="user-img" [src]="avatar(profile()?.image)" alt="" width="100" height="100" />
              <!-- The template's h4 (the RealWorld suite reads the page's only h4), yet the page's main heading. -->
              <h4 class="profile-name" aria-level="1">{{ username() }}</h4>
              @if (profile()?.bio; as bio) {
                <p class="bio">{{ bio }}</p>
              }
              <div class="profile-actions">
                @if (isSelf()) {
                  <a class="btn btn-sm btn-outline-secondary" routerLink="/settings"><span aria-hidden="true">⚙</span> Edit Profile Settings</a>
                } @else if (profile(); as p) {
                  <app-follow-button [profile]="p" (changed)="profile.set($event)" />
                }
              </div>
            </div>
          </div>
          <div class="container page">
            <div class="articles-toggle feed-toggle">
              <ul class="nav nav-pills outline-active">
                <li class="nav-item">
                  <a class="nav-link" [class.active]="tab() === 'author'" [routerLink]="['/profile', username()]"
                    [attr.aria-current]="tab() === 'author' ? 'page' : null">My Articles</a>
                </li>
                <li class="nav-item">
                  <a class="nav-link" [class.active]="tab() === 'favorited'" [routerLink]="['/profile', username(), 'favorites']"
                    [attr.aria-current]="tab() === 'favorited' ? 'page' : null">Favorited Articles</a>
                </li>
              </ul>
            </div>
            <h2 class="visually-hidden">{{ tab() === 'author' ? 'Articles by ' + username() : 'Articles favorited by ' + username() }}</h2>
            <app-article-list [list]="list" [page]="query().page" />
          </div>
        }
      }
    </div>
  `,
})
export class ProfilePage {
  private readonly session = inject(Session);
  private readonly meta = inject(PageMeta);
  protected readonly list = inject(LiveArticleList);
  protected readonly avatar = avatarUrl;

  /** Route inputs: `:username`, `?page=`. */
  readonly username = input.required<string>();
  readonly page = input<string>();
  protected readonly tab = signal<'author' | 'favorited'>(
    inject(ActivatedRoute).snapshot.data['tab'] === 'favorited' ? 'favorited' : 'author',
  );
  protected readonly profile = signal<Profile | null>(null);
  protected readonly status = signal<'loading' | 'loaded' | 'missing'>('loading');
  protected readonly isSelf = computed(() => this.session.user()?.username === this.username());
  protected readonly query = computed<ArticleListQuery>(() => ({
    source: { kind: this.tab(), username: this.username() },
    page: pageFromParam(this.page()),
    perPage: ARTICLES_PER_PAGE,
  }));

  constructor() {
    const profiles = inject(ProfilesApi);
    toObservable(this.username)
      .pipe(
        switchMap((username) =>
          profiles.get(username).pipe(
            map((profile) => ({ profile, missing: false })),
            catchError((error: unknown) => of({ profile: null, missing: error instanceof HttpErrorResponse && error.status === 404 })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ profile, missing }) => {
        this.profile.set(profile);
        this.status.set(missing ? 'missing' : 'loaded');
      });
    this.list.follow(this.query);
    inject(TabChannel)
      .messages$.pipe(takeUntilDestroyed())
      .subscribe((message) => {
        if (message.kind === 'following') this.profile.update((p) => (p?.username === message.username ? { ...p, following: message.following } : p));
      });
    effect(() => {
      const profile = this.profile();
      if (this.status() === 'missing') return this.meta.notFound('Profile');
      const name = this.username();
      this.meta.set(
        this.tab() === 'favorited' ? `Articles favorited by ${name}` : name,
        profile?.bio || `Articles by ${name} on Conduit.`,
      );
    });
  }
}
