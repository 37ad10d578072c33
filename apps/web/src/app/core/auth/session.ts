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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { LiveConnection } from '@conduit/live-angular';
import { firstValueFrom, tap, type Observable } from 'rxjs';
import { UserApi, type User, type UserChanges } from '../api/user.api';
import { TabChannel } from '../tabs/tab-channel';
import { SsrSessionToken } from './ssr-session-token';

export type AuthState = 'loading' | 'authenticated' | 'unauthenticated' | 'unavailable';

/** What the server hands over to the browser: who reads, or why nobody does (there is no token to hand over). */
type TransferredSession = { user: User } | { user: null; state: 'unauthenticated' | 'refused' | 'unavailable' };
const SESSION_KEY = makeStateKey<TransferredSession>('conduit-session');

/**
 * Who reads. Resolved before the first render (an app initializer): on the server from the request's session
 * cookie, in the browser from what the server transferred, so that the first paint is the reader's own view
 * and hydration finds the same view: no flash of the anonymous page, no repeat `/api/user` call. The session
 * itself is the API's http-only cookie: signing in and out asks the API to set or clear it. The other tabs share
 * that cookie, so each sign-in, sign-out and account change is told to them (TabChannel), and they follow.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(UserApi);
  private readonly ssrToken = inject(SsrSessionToken);
  private readonly live = inject(LiveConnection);
  private readonly tabs = inject(TabChannel);
  private readonly router = inject(Router);
  private readonly transferState = inject(TransferState);
  private readonly responseInit = inject(RESPONSE_INIT, { optional: true });
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly userSignal = signal<User | null>(null);
  private readonly stateSignal = signal<AuthState>('loading');

  readonly user = this.userSignal.asReadonly();
  readonly state = this.stateSignal.asReadonly();
  readonly signedIn = computed(() => this.userSignal() !== null);

  constructor() {
    // The socket speaks for the reader through the cookie of its upgrade: reopened when the reader changes.
    effect(() => this.live.setReader(this.userSignal()?.username ?? null));
    if (this.browser) this.exposeDebugInterface();
    this.tabs.messages$.pipe(takeUntilDestroyed()).subscribe((message) => {
      if (message.kind === 'session') this.followOtherTab(message.signedIn);
    });
  }

  /** The app initializer: settles who reads before the first render. */
  async restore(): Promise<void> {
    if (this.browser) {
      const transferred = this.transferState.get(SESSION_KEY, null);
      this.transferState.remove(SESSION_KEY);
      if (transferred?.user) return this.signIn(transferred.user);
      // A session the API no longer accepts (expired, revoked) is cleared, so later pages skip the attempt.
      if (transferred?.state === 'refused') this.api.logout().subscribe({ error: () => undefined });
      if (transferred && transferred.state !== 'unavailable') return this.stateSignal.set('unauthenticated');
      // Not rendered by the server, or the API was unavailable to it: ask.
    } else {
      if (!this.ssrToken.token) {
        this.transferState.set(SESSION_KEY, { user: null, state: 'unauthenticated' });
        return this.stateSignal.set('unauthenticated');
      }
      // A page rendered for one reader must never be stored and served to another.
      const headers = this.responseInit?.headers as Headers | undefined;
      headers?.set('Cache-Control', 'private, no-store');
      headers?.set('Vary', 'Cookie');
    }
    try {
      const user = await firstValueFrom(this.api.current());
      if (!this.browser) this.transferState.set(SESSION_KEY, { user });
      this.signIn(user);
    } catch (error) {
      const refused = error instanceof HttpErrorResponse && error.status === 401;
      if (!this.browser) {
        if (refused) this.ssrToken.forget();
        this.transferState.set(SESSION_KEY, { user: null, state: refused ? 'refused' : 'unavailable' });
      }
      this.stateSignal.set(refused ? 'unauthenticated' : 'unavailable');
    }
  }

  login(email: string, password: string): Observable<User> {
    return this.api.login(email, password).pipe(tap((user) => this.signIn(user, { tellOtherTabs: true })));
  }

  register(username: string, email: string, password: string): Observable<User> {
    return this.api.register(username, email, password).pipe(tap((user) => this.signIn(user, { tellOtherTabs: true })));
  }

  /** The API renews the session cookie with the answer (a new password revokes the old one), so the socket reopens. */
  update(changes: UserChanges): Observable<User> {
    return this.api.update(changes).pipe(
      tap((user) => {
        this.signIn(user, { tellOtherTabs: true });
        this.live.renewSession();
      }),
    );
  }

  /** Ends the session on the API (which clears the cookie), then here. */
  logout(): Observable<unknown> {
    return this.api.logout().pipe(
      tap(() => {
        this.signOut();
        this.tabs.post({ kind: 'session', signedIn: false });
      }),
    );
  }

  private signIn(user: User, { tellOtherTabs = false } = {}): void {
    this.userSignal.set(user);
    this.stateSignal.set('authenticated');
    if (tellOtherTabs) this.tabs.post({ kind: 'session', signedIn: true });
  }

  private signOut(): void {
    this.userSignal.set(null);
    this.stateSignal.set('unauthenticated');
  }

  /**
   * Another tab changed the session this tab shares: signed out, it is over here too; otherwise the cookie
   * now holds a session (another account's, or a renewed one after a new password), which `/api/user` tells.
   */
  private followOtherTab(signedIn: boolean): void {
    if (!signedIn) {
      this.signOut();
      return this.checkPageAgain();
    }
    this.api.current().subscribe({
      next: (user) => {
        const sameReader = this.userSignal()?.username === user.username;
        this.signIn(user);
        // A new reader reopens the socket through setReader; the same one needs it for the renewed cookie.
        if (sameReader) this.live.renewSession();
        this.checkPageAgain();
      },
      error: () => undefined,
    });
  }

  /**
   * The page's guards run again (its route has `runGuardsAndResolvers: 'always'`): settings or the editor
   * after a sign-out elsewhere go to sign in, the sign-in page after a sign-in elsewhere goes home.
   */
  private checkPageAgain(): void {
    void this.router.navigateByUrl(this.router.url, { onSameUrlNavigation: 'reload' });
  }

  /**
   * `window.__conduit_debug__` of the RealWorld e2e contract (frontend-e2e-selectors.md), except the token:
   * it lives only in the http-only cookie, so `getToken()` and the user's `token` answer null.
   */
  private exposeDebugInterface(): void {
    const view = inject(DOCUMENT).defaultView as (Window & { __conduit_debug__?: unknown }) | null;
    if (!view) return;
    view.__conduit_debug__ = {
      getToken: () => null,
      getAuthState: () => this.stateSignal(),
      // The contract's five fields, not the app's own additions (showAsReading).
      getCurrentUser: () => {
        const user = this.userSignal();
        return user ? { username: user.username, email: user.email, bio: user.bio, image: user.image, token: null } : null;
      },
    };
  }
}
