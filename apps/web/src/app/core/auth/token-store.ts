import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { Injectable, PLATFORM_ID, REQUEST, inject, signal } from '@angular/core';
import { TOKEN_COOKIE, readCookie, tokenCookie } from './auth-cookie';

/** The key of the RealWorld front-end contract (frontend-e2e-selectors.md, "LocalStorage"). */
const STORAGE_KEY = 'jwtToken';

/**
 * Where the reader's JWT lives. In the browser: `localStorage.jwtToken` (the RealWorld contract) and the
 * `conduit_token` cookie (so that the server renders the signed-in view). On the server: the cookie of the
 * request being rendered, read from the `REQUEST` token; nothing is written there.
 */
@Injectable({ providedIn: 'root' })
export class TokenStore {
  private readonly document = inject(DOCUMENT);
  private readonly browser = isPlatformBrowser(inject(PLATFORM_ID));
  private readonly request = inject(REQUEST, { optional: true });
  private readonly tokenSignal = signal<string | null>(this.initial());

  readonly token = this.tokenSignal.asReadonly();

  set(token: string): void {
    this.tokenSignal.set(token);
    this.persist(token);
  }

  clear(): void {
    this.tokenSignal.set(null);
    this.persist(null);
  }

  private initial(): string | null {
    if (!this.browser) return readCookie(this.request?.headers.get('cookie'), TOKEN_COOKIE);
    const stored = this.storage()?.getItem(STORAGE_KEY) ?? null;
    const cookie = readCookie(this.document.cookie, TOKEN_COOKIE);
    // A token put in storage by other means (a test, an older version) also reaches the server from now on.
    if (stored && stored !== cookie) this.writeCookie(stored);
    return stored ?? cookie;
  }

  private persist(token: string | null): void {
    if (!this.browser) return;
    const storage = this.storage();
    if (token === null) storage?.removeItem(STORAGE_KEY);
    else storage?.setItem(STORAGE_KEY, token);
    this.writeCookie(token);
  }

  private writeCookie(token: string | null): void {
    this.document.cookie = tokenCookie(token, this.document.location.protocol === 'https:');
  }

  /** Null where storage is disabled (some private modes throw on access). */
  private storage(): Storage | null {
    try {
      return this.document.defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  }
}
