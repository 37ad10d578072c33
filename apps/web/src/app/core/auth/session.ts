import { HttpErrorResponse } from '@angular/common/http';
import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import {
  Injectable,
  PLATFORM_ID,
  RESPONSE_INIT,
  TransferState,
  computed,
  effect,
  inject,
  makeStateKey,
  signal,
} from '@angular/core';
import { LiveConnection } from '@conduit/live-angular';
import { firstValueFrom, tap, type Observable } from 'rxjs';
import { UserApi, type User, type UserChanges } from '../api/user.api';
import { TokenStore } from './token-store';

export type AuthState = 'loading' | 'authenticated' | 'unauthenticated' | 'unavailable';

/** What the server hands over to the browser: the user without the token (the browser has its own copy). */
type TransferredSession = { user: Omit<User, 'token'> } | { user: null; tokenRefused: boolean };
const SESSION_KEY = makeStateKey<TransferredSession>('conduit-session');

/**
 * Who reads. Resolved before the first render (an app initializer), on the server from the request's cookie
 * and in the browser from what the server transferred, so that the first paint is the reader's own view and
 * hydration finds the same view: no flash of the anonymous page, no repeat `/api/user` call.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(UserApi);
  private readonly tokens = inject(TokenStore);
  private readonly transferState = inject(TransferState);
  private readonly responseInit = inject(RESPONSE_INIT, { optional: true });
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly userSignal = signal<User | null>(null);
  private readonly stateSignal = signal<AuthState>('loading');

  readonly user = this.userSignal.asReadonly();
  readonly state = this.stateSignal.asReadonly();
  readonly signedIn = computed(() => this.userSignal() !== null);

  constructor() {
    const live = inject(LiveConnection);
    // The socket speaks for the reader too (the `feed` topic); a no-op during SSR.
    effect(() => live.setAuthToken(this.tokens.token()));
    if (this.browser) this.exposeDebugInterface();
  }

  /** The app initializer: settles who reads before the first render. */
  async restore(): Promise<void> {
    if (this.browser) {
      const transferred = this.transferState.get(SESSION_KEY, null);
      this.transferState.remove(SESSION_KEY);
      if (transferred?.user === null && transferred.tokenRefused) this.tokens.clear();
      const token = this.tokens.token();
      if (!token) return this.stateSignal.set('unauthenticated');
      if (transferred?.user) return this.signIn({ ...transferred.user, token });
      // The server did not know the reader (no cookie yet, e.g. a token stored by an older version): ask.
    } else {
      const token = this.tokens.token();
      if (!token) {
        this.transferState.set(SESSION_KEY, { user: null, tokenRefused: false });
        return this.stateSignal.set('unauthenticated');
      }
      // A page rendered for one reader must never be stored and served to another.
      const headers = this.responseInit?.headers as Headers | undefined;
      headers?.set('Cache-Control', 'private, no-store');
      headers?.set('Vary', 'Cookie');
    }
    const token = this.tokens.token()!;
    try {
      const user = await firstValueFrom(this.api.current());
      if (!this.browser) {
        const { token: _token, ...withoutToken } = user;
        this.transferState.set(SESSION_KEY, { user: withoutToken });
      }
      this.signIn({ ...user, token });
    } catch (error) {
      const refused = error instanceof HttpErrorResponse && error.status === 401;
      if (!this.browser) this.transferState.set(SESSION_KEY, { user: null, tokenRefused: refused });
      else if (refused) this.tokens.clear();
      this.stateSignal.set(refused ? 'unauthenticated' : 'unavailable');
    }
  }

  login(email: string, password: string): Observable<User> {
    return this.api.login(email, password).pipe(tap((user) => this.signIn(user)));
  }

  register(username: string, email: string, password: string): Observable<User> {
    return this.api.register(username, email, password).pipe(tap((user) => this.signIn(user)));
  }

  update(changes: UserChanges): Observable<User> {
    return this.api.update(changes).pipe(tap((user) => this.signIn(user)));
  }

  logout(): void {
    this.tokens.clear();
    this.userSignal.set(null);
    this.stateSignal.set('unauthenticated');
  }

  private signIn(user: User): void {
    if (user.token !== this.tokens.token()) this.tokens.set(user.token);
    this.userSignal.set(user);
    this.stateSignal.set('authenticated');
  }

  /** `window.__conduit_debug__` of the RealWorld e2e contract (frontend-e2e-selectors.md). */
  private exposeDebugInterface(): void {
    const view = inject(DOCUMENT).defaultView as (Window & { __conduit_debug__?: unknown }) | null;
    if (!view) return;
    view.__conduit_debug__ = {
      getToken: () => this.tokens.token(),
      getAuthState: () => this.stateSignal(),
      // The contract's five fields, not the app's own additions (showAsReading).
      getCurrentUser: () => {
        const user = this.userSignal();
        return user ? { username: user.username, email: user.email, bio: user.bio, image: user.image, token: user.token } : null;
      },
    };
  }
}
