import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';

/**
 * The signed-in user as the app holds it: what `/api/user` and `/api/session` answer, without a token. The
 * browser's session lives in an http-only cookie that the API sets; the app never holds a token.
 */
export interface User {
  username: string;
  email: string;
  bio: string | null;
  image: string | null;
  /** Presence names this user among an article's readers; absent counts as on. */
  showAsReading?: boolean;
}

export interface UserChanges {
  username?: string;
  email?: string;
  password?: string;
  bio?: string | null;
  image?: string | null;
  showAsReading?: boolean;
}

/** During SSR, `/api/user` is called with the reader's token as a header and answers with one: it is dropped here. */
const withoutToken = (body: { user: User & { token?: string } }): User => {
  const { token: _token, ...user } = body.user;
  return user;
};

@Injectable({ providedIn: 'root' })
export class UserApi {
  private readonly http = inject(HttpClient);

  /** Starts the browser session: the API sets its cookie. */
  login(email: string, password: string): Observable<User> {
    return this.http.post<{ user: User }>('/api/session', { user: { email, password } }).pipe(map(withoutToken));
  }

  /** Creates the account and starts its session. */
  register(username: string, email: string, password: string): Observable<User> {
    return this.http
      .post<{ user: User }>('/api/session/registration', { user: { username, email, password } })
      .pipe(map(withoutToken));
  }

  /** Ends the browser session: the API clears its cookie. */
  logout(): Observable<unknown> {
    return this.http.delete('/api/session');
  }

  /**
   * Never through the transfer cache: during SSR the answer holds the JWT, which must not be written into the
   * page's HTML. The session hands the user over without it.
   */
  current(): Observable<User> {
    return this.http.get<{ user: User }>('/api/user', { transferCache: false }).pipe(map(withoutToken));
  }

  update(changes: UserChanges): Observable<User> {
    return this.http.put<{ user: User }>('/api/user', { user: changes }).pipe(map(withoutToken));
  }
}
