import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Profile } from '@conduit/contract';
import { avatarUrl } from './avatar';
import { AvatarFallback } from './avatar-fallback';
import { TimeAgo } from './time/time-ago';

/** The avatar, the author's name and the date at the head of an article, inside its `.article-meta`. */
@Component({
  selector: 'app-author-byline',
  imports: [RouterLink, AvatarFallback, TimeAgo],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let name = author().username;
    <a [routerLink]="['/profile', name]" tabindex="-1" aria-hidden="true">
      <img appAvatarFallback [src]="avatar()" alt="" width="32" height="32" />
    </a>
    <div class="info">
      <a class="author" [routerLink]="['/profile', name]">{{ name }}</a>
      <time class="date" [appTimeAgo]="date()"></time>
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
  /** ISO 8601, as the API sends it. */
  readonly date = input.required<string>();
  protected readonly avatar = computed(() => avatarUrl(this.author().image));
}
