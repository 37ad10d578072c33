import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';

/** The signed-in user as `/api/user` and `/api/users/login` answer it (RealWorld). */
export interface User {
  username: string;
  email: string;
  bio: string | null;
  image: string | null;
  token: string;
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

@Injectable({ providedIn: 'root' })
export class UserApi {
  private readonly http = inject(HttpClient);

  login(email: string, password: string): Observable<User> {
    return this.http.post<{ user: User }>('/api/users/login', { user: { email, password } }).pipe(map((body) => body.user));
  }

  register(username: string, email: string, password: string): Observable<User> {
    return this.http
      .post<{ user: User }>('/api/users', { user: { username, email, password } })
      .pipe(map((body) => body.user));
  }

  /**
   * Never through the transfer cache: the answer holds the JWT, which must not be written into the page's
   * HTML (a cached or shared copy of the page would leak it). The session hands the user over without it.
   */
  current(): Observable<User> {
    return this.http.get<{ user: User }>('/api/user', { transferCache: false }).pipe(map((body) => body.user));
  }

  update(changes: UserChanges): Observable<User> {
    return this.http.put<{ user: User }>('/api/user', { user: changes }).pipe(map((body) => body.user));
  }
}
