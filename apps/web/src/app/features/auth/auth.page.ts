import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { errorMessages } from '../../core/api/api-errors';
import { Session } from '../../core/auth/session';
import { takeOverSubmit } from '../../core/forms/take-over-submit';
import { RefusedForms } from '../../core/forms/refused-form';
import { PageMeta } from '../../core/seo/page-meta';
import { ErrorList } from '../../shared/error-list';
import { PasswordRules } from '../../shared/password-rules';

type Mode = 'login' | 'register';

/** Sign in (`/login`) and sign up (`/register`): one form, the route's `data.mode` picks which. */
@Component({
  selector: 'app-auth-page',
  imports: [RouterLink, ErrorList, PasswordRules],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="auth-page container page narrow">
      <h1 class="text-center">{{ mode() === 'login' ? 'Sign in' : 'Sign up' }}</h1>
      <p class="text-center">
        @if (mode() === 'login') {
          <a routerLink="/register">Need an account?</a>
        } @else {
          <a routerLink="/login">Have an account?</a>
        }
      </p>
      <app-error-list [messages]="errors()" />
      <!-- A real post to the page: before the app runs, or without it, the server signs the reader in. -->
      <form method="post" [attr.action]="'/' + mode()" (submit)="submit($event)" [attr.aria-busy]="busy()">
        <fieldset [disabled]="busy()">
          @if (mode() === 'register') {
            <div class="form-group">
              <label for="username">Username</label>
              <input id="username" class="form-control form-control-lg" type="text" name="username" autocomplete="username" required [attr.value]="refused?.text('username')" />
            </div>
          }
          <div class="form-group">
            <label for="email">Email</label>
            <input id="email" class="form-control form-control-lg" type="email" name="email" autocomplete="email" required [attr.value]="refused?.text('email')" />
          </div>
          <div class="form-group">
            <label for="password">Password</label>
            <input id="password" class="form-control form-control-lg" type="password" name="password" required
              [attr.autocomplete]="mode() === 'login' ? 'current-password' : 'new-password'"
              [attr.aria-describedby]="mode() === 'register' ? 'password-rules' : null" (input)="passwordLength.set(passwordField.value.length)" #passwordField />
            @if (mode() === 'register') {
              <app-password-rules id="password-rules" [length]="passwordLength()" />
            }
          </div>
          <button class="btn btn-lg btn-primary pull-right" type="submit">{{ mode() === 'login' ? 'Sign in' : 'Sign up' }}</button>
        </fieldset>
      </form>
    </div>
  `,
})
export class AuthPage {
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  protected readonly mode = signal<Mode>(inject(ActivatedRoute).snapshot.data['mode'] === 'register' ? 'register' : 'login');
  /** Typed values set as the fields' default values (attributes), which never overwrite what a reader types while the page hydrates. */
  protected readonly refused = inject(RefusedForms).take();
  protected readonly errors = signal<string[]>(this.refused?.messages ?? []);
  protected readonly busy = signal(false);
  protected readonly passwordLength = signal(0);
  protected readonly title = computed(() => (this.mode() === 'login' ? 'Sign in' : 'Sign up'));

  constructor() {
    inject(PageMeta).set(this.title(), this.mode() === 'login' ? 'Sign in to Conduit.' : 'Create your Conduit account.');
  }

  protected submit(event: SubmitEvent): void {
    const form = takeOverSubmit(event, this.busy());
    if (!form) return;
    const request =
      this.mode() === 'login'
        ? this.session.login(form.text('email'), form.raw('password'))
        : this.session.register(form.text('username'), form.text('email'), form.raw('password'));
    this.busy.set(true);
    this.errors.set([]);
    request.subscribe({
      next: () => void this.router.navigateByUrl('/'),
      error: (error: unknown) => {
        this.busy.set(false);
        this.errors.set(errorMessages(error));
      },
    });
  }
}
