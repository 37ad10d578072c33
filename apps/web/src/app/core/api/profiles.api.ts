import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Profile } from '@conduit/contract';
import { map, type Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ProfilesApi {
  private readonly http = inject(HttpClient);

  get(username: string): Observable<Profile> {
    return this.http.get<{ profile: Profile }>(this.url(username)).pipe(map((body) => body.profile));
  }

  setFollowing(username: string, follow: boolean): Observable<Profile> {
    const url = `${this.url(username)}/follow`;
    const request = follow ? this.http.post<{ profile: Profile }>(url, {}) : this.http.delete<{ profile: Profile }>(url);
    return request.pipe(map((body) => body.profile));
  }

  private url(username: string): string {
    return `/api/profiles/${encodeURIComponent(username)}`;
  }
}
