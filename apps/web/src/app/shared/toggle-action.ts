import { Injectable, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { Observable } from 'rxjs';
import { errorMessages } from '../core/api/api-errors';
import { Session } from '../core/auth/session';

/**
 * What a button that acts for the reader (favorite, follow) does around its request: a visitor is sent to
 * sign in instead, where the RealWorld front-end suite expects them; the button is `busy` while the request
 * is in flight; and a failure (offline, say) is said in `failure` beside it rather than looking like nothing
 * happened. What the reader sees changes with the API's answer, not before it: the answer carries the
 * counts other readers moved too. Provide it on the component.
 */
@Injectable()
export class ToggleAction {
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  private readonly busyState = signal(false);
  private readonly failureState = signal<string | null>(null);
  readonly busy = this.busyState.asReadonly();
  readonly failure = this.failureState.asReadonly();

  run<T>(request: () => Observable<T>, answered: (answer: T) => void): void {
    if (!this.session.signedIn()) {
      void this.router.navigateByUrl('/login');
      return;
    }
    this.busyState.set(true);
    this.failureState.set(null);
    request().subscribe({
      next: (answer) => {
        this.busyState.set(false);
        answered(answer);
      },
      error: (error: unknown) => {
        this.busyState.set(false);
        this.failureState.set(errorMessages(error).join(' '));
      },
    });
  }
}
