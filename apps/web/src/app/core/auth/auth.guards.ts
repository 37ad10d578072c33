import { inject } from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { Session } from './session';

/** Pages of a signed-in reader (settings, editor); others are sent to sign in. */
export const signedInOnly: CanActivateFn = () => inject(Session).signedIn() || inject(Router).parseUrl('/login');

/** Sign in and sign up make no sense once signed in. */
export const signedOutOnly: CanActivateFn = () => !inject(Session).signedIn() || inject(Router).parseUrl('/');
