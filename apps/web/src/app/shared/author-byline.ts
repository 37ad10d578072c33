import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Profile } from '@conduit/contract';
import { avatarUrl } from './avatar';
import { AvatarFallback } from './avatar-fallback';

/** The avatar, the author's name and the date at the head of an article, inside its `.article-meta`. */
@Component({
  selector: 'app-author-byline',
  imports: [DatePipe, RouterLink, AvatarFallback],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let name = author().username;
    <a [routerLink]="['/profile', name]" tabindex="-1" aria-hidden="true">
      <img appAvatarFallback [src]="avatar()" alt="" width="32" height="32" />
    </a>
    <div class="info">
      <a class="author" [routerLink]="['/profile', name]">{{ name }}</a>
      <time class="date" [attr.datetime]="date()">{{ date() | date: 'MMMM d, y' : 'UTC' }}</time>
    </div>
  `,
  // The avatar link and .info must stay flex items of .article-meta (its gap, and .info's
  // margin-right: auto that pushes the actions aside): a box for this host would wrap them in one item.
  // A stylesheet, not a style attribute on the host: once pages carry CSP nonces (web-app.ts), the policy blocks style attributes.
  styles: `
    :host { display: contents; }
  `,
})
export class AuthorByline {
  readonly author = input.required<Profile>();
  /** ISO 8601, as the API sends it; printed in UTC so that the server and every reader's browser print the same day. */
  readonly date = input.required<string>();
  protected readonly avatar = computed(() => avatarUrl(this.author().image));
}
