import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { STREAM_CURSOR_HEADER, isCursor, type ArticleListResponse, type ArticleSummary, type Cursor } from '@conduit/contract';
import { map, type Observable } from 'rxjs';

/** A REST list and the stream position to subscribe from to keep it current (PROTOCOL.md, "Cursors"). */
export interface ArticleListSnapshot {
  articles: ArticleSummary[];
  articlesCount: number;
  cursor: Cursor | undefined;
}

@Injectable({ providedIn: 'root' })
export class ArticlesApi {
  private readonly http = inject(HttpClient);

  /**
   * The newest articles. The URL is relative on purpose: during SSR platform-server resolves it against the
   * page's own origin, which is where the API lives, and the transfer cache keys it the same on both sides.
   */
  latest(limit = 20, offset = 0): Observable<ArticleListSnapshot> {
    const params = new HttpParams().set('limit', limit).set('offset', offset);
    return this.http.get<ArticleListResponse>('/api/articles', { params, observe: 'response' }).pipe(
      map((response) => {
        const cursor = response.headers.get(STREAM_CURSOR_HEADER);
        const body = response.body ?? { articles: [], articlesCount: 0 };
        return { articles: body.articles, articlesCount: body.articlesCount, cursor: isCursor(cursor) ? cursor : undefined };
      }),
    );
  }
}
