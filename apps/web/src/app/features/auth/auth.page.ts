import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { errorMessages } from '../../core/api/api-errors';
import { Session } from '../../core/auth/session';
import { PageMeta } from '../../core/seo/page-meta';
import { ErrorList } from '../../shared/error-list';

type Mode = 'login' | 'register';

/** Sign in (`/login`) and sign up (`/register`): one form, the route's `data.mode` picks which. */
@Component({
  selector: 'app-auth-page',
  imports: [RouterLink, ErrorList],
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
      <form (submit)="submit($event)" [attr.aria-busy]="busy()">
        <fieldset [disabled]="busy()">
          @if (mode() === 'register') {
            <div class="form-group">
              <label for="username">Username</label>
              <input id="username" class="form-control form-control-lg" type="text" name="username" autocomplete="username" required />
            </div>
          }
          <div class="form-group">
            <label for="email">Email</label>
            <input id="email" class="form-control form-control-lg" type="email" name="email" autocomplete="email" required />
          </div>
          <div class="form-group">
            <label for="password">Password</label>
            <input id="password" class="form-control form-control-lg" type="password" name="password" required
              [attr.autocomplete]="mode() === 'login' ? 'current-password' : 'new-password'" />
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
  protected readonly errors = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly title = computed(() => (this.mode() === 'login' ? 'Sign in' : 'Sign up'));

  constructor() {
    inject(PageMeta).set(this.title(), this.mode() === 'login' ? 'Sign in to Conduit.' : 'Create your Conduit account.');
  }

  protected submit(event: SubmitEvent): void {
    event.preventDefault();
    // A second click can come before the disabled fieldset is rendered.
    if (this.busy()) return;
    const form = new FormData(event.target as HTMLFormElement);
    const field = (name: string) => String(form.get(name) ?? '').trim();
    const request =
      this.mode() === 'login'
        ? this.session.login(field('email'), String(form.get('password') ?? ''))
        : this.session.register(field('username'), field('email'), String(form.get('password') ?? ''));
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
