import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Cursor } from '@conduit/contract';
import { map, type Observable } from 'rxjs';
import { cursorOf } from './snapshot';

/** The popular tags and the stream position to follow `articles` from to keep them current. */
export interface TagsSnapshot {
  tags: string[];
  cursor: Cursor | undefined;
}

@Injectable({ providedIn: 'root' })
export class TagsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<TagsSnapshot> {
    return this.http
      .get<{ tags: string[] }>('/api/tags', { observe: 'response' })
      .pipe(map((response) => ({ tags: response.body?.tags ?? [], cursor: cursorOf(response) })));
  }
}
