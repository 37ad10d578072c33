import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { LiveConnection } from '@conduit/live-angular';
import { avatarUrl } from '../../shared/avatar';
import { AvatarFallback } from '../../shared/avatar-fallback';
import { LiveStatusIndicator } from '../../shared/live-status/live-status-indicator';
import { Session } from '../auth/session';

@Component({
  selector: 'app-header',
  imports: [RouterLink, RouterLinkActive, LiveStatusIndicator, AvatarFallback],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <header>
      <nav class="navbar" aria-label="Main">
        <div class="container navbar-inner">
          <a class="navbar-brand" routerLink="/">conduit</a>
          <app-live-status [status]="live.status()" (retry)="live.reconnectNow()" />
          <ul class="nav navbar-nav">
            <li class="nav-item">
              <a class="nav-link" routerLink="/" routerLinkActive="active" ariaCurrentWhenActive="page"
                [routerLinkActiveOptions]="{ exact: true }">Home</a>
            </li>
            @if (session.user(); as user) {
              <li class="nav-item">
                <a class="nav-link" routerLink="/editor" routerLinkActive="active" ariaCurrentWhenActive="page"
                  [routerLinkActiveOptions]="{ exact: true }"><span aria-hidden="true">✎</span> New Article</a>
              </li>
              <li class="nav-item">
                <a class="nav-link" routerLink="/settings" routerLinkActive="active" ariaCurrentWhenActive="page"><span aria-hidden="true">⚙</span> Settings</a>
              </li>
              <li class="nav-item">
                <a class="nav-link" [routerLink]="['/profile', user.username]" routerLinkActive="active" ariaCurrentWhenActive="page">
                  <img appAvatarFallback class="user-pic" [src]="avatar(user.image)" alt="" width="26" height="26" />{{ user.username }}
                </a>
              </li>
            } @else {
              <li class="nav-item">
                <a class="nav-link" routerLink="/login" routerLinkActive="active" ariaCurrentWhenActive="page">Sign in</a>
              </li>
              <li class="nav-item">
                <a class="nav-link" routerLink="/register" routerLinkActive="active" ariaCurrentWhenActive="page">Sign up</a>
              </li>
            }
          </ul>
        </div>
      </nav>
    </header>
  `,
})
export class AppHeader {
  protected readonly live = inject(LiveConnection);
  protected readonly session = inject(Session);
  protected readonly avatar = avatarUrl;
}
