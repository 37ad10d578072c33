import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Comment, CommentListResponse, CommentResponse, Cursor } from '@conduit/contract';
import { map, type Observable } from 'rxjs';
import { cursorOf } from './snapshot';

export interface CommentListSnapshot {
  comments: Comment[];
  cursor: Cursor | undefined;
}

@Injectable({ providedIn: 'root' })
export class CommentsApi {
  private readonly http = inject(HttpClient);

  list(slug: string): Observable<CommentListSnapshot> {
    return this.http
      .get<CommentListResponse>(this.url(slug), { observe: 'response' })
      .pipe(map((response) => ({ comments: response.body?.comments ?? [], cursor: cursorOf(response) })));
  }

  add(slug: string, body: string): Observable<Comment> {
    return this.http.post<CommentResponse>(this.url(slug), { comment: { body } }).pipe(map((answer) => answer.comment));
  }

  delete(slug: string, id: number, { keepalive = false } = {}): Observable<unknown> {
    return this.http.delete(`${this.url(slug)}/${id}`, { keepalive });
  }

  private url(slug: string): string {
    return `/api/articles/${encodeURIComponent(slug)}/comments`;
  }
}
