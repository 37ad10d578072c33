import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { LiveConnection } from '@conduit/live-angular';
import { filter } from 'rxjs';
import { avatarUrl } from '../shared/avatar';
import { AvatarFallback } from '../shared/avatar-fallback';
import { LiveStatusIndicator } from '../shared/live-status/live-status-indicator';
import { Session } from '../core/auth/session';
import { afterRenderIdle } from '../core/browser/after-render-idle';

/**
 * The navbar. On a narrow screen its links fold behind a menu button: a real button (`aria-expanded`,
 * `aria-controls`) once the app runs in the browser, and before that, or without JavaScript, a
 * `<details>` that opens by itself (on a wide screen the stylesheet shows its links inline).
 */
@Component({
  selector: 'app-header',
  imports: [NgTemplateOutlet, RouterLink, RouterLinkActive, LiveStatusIndicator, AvatarFallback],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <header>
      <nav class="navbar" aria-label="Main" (keydown.escape)="closeMenu()">
        <div class="container navbar-inner">
          <a class="navbar-brand" routerLink="/">conduit</a>
          <app-live-status [status]="live.status()" (retry)="live.reconnectNow()" />
          @if (running()) {
            <button #toggle type="button" class="nav-toggle" aria-controls="main-menu" [attr.aria-expanded]="menuOpen()"
              (click)="menuOpen.set(!menuOpen())">
              <ng-container *ngTemplateOutlet="menuIcon" /><span class="nav-toggle-label">Menu</span>
            </button>
            <ng-container *ngTemplateOutlet="links" />
          } @else {
            <details class="nav-menu">
              <summary class="nav-toggle"><ng-container *ngTemplateOutlet="menuIcon" /><span class="nav-toggle-label">Menu</span></summary>
              <ng-container *ngTemplateOutlet="links" />
            </details>
          }
        </div>
      </nav>
    </header>

    <ng-template #menuIcon>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16" fill="currentColor"><path d="M1 3h14v2H1zm0 4h14v2H1zm0 4h14v2H1z"/></svg>
    </ng-template>

    <ng-template #links>
      <ul id="main-menu" class="nav navbar-nav" [class.open]="menuOpen()">
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
    </ng-template>
  `,
})
export class AppHeader {
  protected readonly live = inject(LiveConnection);
  protected readonly session = inject(Session);
  protected readonly avatar = avatarUrl;
  /**
   * The menu button replaces the `<details>` only after hydration, which must find the server's markup;
   * and once the browser is idle, since the swap re-creates the links. Until then the `<details>` works.
   */
  protected readonly running = signal(false);
  protected readonly menuOpen = signal(false);
  private readonly toggle = viewChild<ElementRef<HTMLButtonElement>>('toggle');

  constructor() {
    afterRenderIdle(() => this.running.set(true));
    // A link followed from the open menu lands on a page with the menu folded again.
    inject(Router)
      .events.pipe(filter((event) => event instanceof NavigationEnd), takeUntilDestroyed())
      .subscribe(() => this.menuOpen.set(false));
  }

  /** Escape folds the open menu and gives the focus back to its button. */
  protected closeMenu(): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    this.toggle()?.nativeElement.focus();
  }
}
