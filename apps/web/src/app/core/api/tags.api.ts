import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { map, type Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class TagsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<string[]> {
    return this.http.get<{ tags: string[] }>('/api/tags').pipe(map((body) => body.tags));
  }
}
