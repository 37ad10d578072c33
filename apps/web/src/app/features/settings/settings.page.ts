import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { errorMessages } from '../../core/api/api-errors';
import type { UserChanges } from '../../core/api/user.api';
import { Session } from '../../core/auth/session';
import { takeOverSubmit } from '../../core/forms/take-over-submit';
import { RefusedForms } from '../../core/forms/refused-form';
import { PageMeta } from '../../core/seo/page-meta';
import { ErrorList } from '../../shared/error-list';
import { PasswordRules } from '../../shared/password-rules';

@Component({
  selector: 'app-settings-page',
  imports: [ErrorList, PasswordRules],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="settings-page container page narrow">
      <h1 class="text-center">Your Settings</h1>
      <app-error-list [messages]="errors()" />
      <!-- Signing out empties the session before the page is left: the form goes with it. -->
      @if (session.user(); as user) {
      <form method="post" action="/settings" (submit)="submit($event)">
        <fieldset [disabled]="busy()">
          <div class="form-group">
            <label for="image">URL of profile picture</label>
            <input id="image" class="form-control" type="url" name="image" [value]="refused?.text('image') ?? user.image ?? ''" />
          </div>
          <div class="form-group">
            <label for="username">Username</label>
            <input id="username" class="form-control form-control-lg" type="text" name="username" autocomplete="username" required [value]="refused?.text('username') ?? user.username" />
          </div>
          <div class="form-group">
            <label for="bio">Short bio about you</label>
            <textarea id="bio" class="form-control form-control-lg" rows="8" name="bio" [value]="refused?.text('bio') ?? user.bio ?? ''"></textarea>
          </div>
          <div class="form-group">
            <label for="email">Email</label>
            <input id="email" class="form-control form-control-lg" type="email" name="email" autocomplete="email" required [value]="refused?.text('email') ?? user.email" />
          </div>
          <div class="form-group">
            <label for="password">New password <span class="hint">(leave empty to keep it)</span></label>
            <input id="password" class="form-control form-control-lg" type="password" name="password" autocomplete="new-password"
              aria-describedby="password-rules" (input)="passwordLength.set(passwordField.value.length)" #passwordField />
            <app-password-rules id="password-rules" [length]="passwordLength()" [optional]="true" />
          </div>
          <div class="form-group form-check">
            <input id="show-as-reading" class="form-check-input" type="checkbox" name="showAsReading" [checked]="refused ? refused.text('showAsReading') === 'on' : user.showAsReading !== false" />
            <label for="show-as-reading" class="form-check-label">Show me as reading <span class="hint">(others on an article see your name; off, you are only counted)</span></label>
          </div>
          <button class="btn btn-lg btn-primary pull-right" type="submit">Update Settings</button>
        </fieldset>
      </form>
      }
      <hr />
      <button class="btn btn-outline-danger" type="button" (click)="logout()">Or click here to logout.</button>
    </div>
  `,
  styles: `
    .form-check { display: flex; align-items: baseline; gap: 0.5rem; }
    .form-check label { display: inline; }
  `,
})
export class SettingsPage {
  protected readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly refused = inject(RefusedForms).take();
  protected readonly errors = signal<string[]>(this.refused?.messages ?? []);
  protected readonly busy = signal(false);
  protected readonly passwordLength = signal(0);

  constructor() {
    inject(PageMeta).set('Settings', 'Your Conduit settings.');
  }

  protected submit(event: SubmitEvent): void {
    const form = takeOverSubmit(event, this.busy());
    if (!form) return;
    const changes: UserChanges = {
      image: form.text('image') || null,
      username: form.text('username'),
      bio: form.text('bio') || null,
      email: form.text('email'),
      showAsReading: form.checked('showAsReading'),
    };
    const password = form.raw('password');
    if (password) changes.password = password;
    this.busy.set(true);
    this.errors.set([]);
    this.session.update(changes).subscribe({
      next: (user) => void this.router.navigate(['/profile', user.username]),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(errorMessages(error));
      },
    });
  }

  protected logout(): void {
    this.errors.set([]);
    this.session.logout().subscribe({
      next: () => void this.router.navigateByUrl('/'),
      error: (error: unknown) => this.errors.set(errorMessages(error)),
    });
  }
}
