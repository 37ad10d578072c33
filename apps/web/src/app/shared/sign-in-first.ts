import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Session } from '../core/auth/session';

/**
 * For an action only a reader can take (favorite, follow): a check that is true for a signed-in reader and
 * otherwise sends the visitor to sign in, where the RealWorld front-end suite expects them. Call it in an
 * injection context, e.g. a field initializer.
 */
export function signInFirst(): () => boolean {
  const session = inject(Session);
  const router = inject(Router);
  return () => {
    if (session.signedIn()) return true;
    void router.navigateByUrl('/login');
    return false;
  };
}
