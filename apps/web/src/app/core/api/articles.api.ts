import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Article, ArticleListResponse, ArticleResponse, ArticleSummary, Cursor, NewArticle } from '@conduit/contract';
import { map, type Observable } from 'rxjs';
import { listRequest, type ArticleListQuery } from './article-list-request';
import { cursorOf } from './snapshot';

/** A REST list and the stream position to subscribe from to keep it current. */
export interface ArticleListSnapshot {
  articles: ArticleSummary[];
  articlesCount: number;
  cursor: Cursor | undefined;
}

export interface ArticleSnapshot {
  article: Article;
  cursor: Cursor | undefined;
}

/**
 * URLs are relative on purpose: during SSR platform-server resolves them against the page's own origin,
 * which is where the API lives, and the transfer cache keys them the same on both sides.
 */
@Injectable({ providedIn: 'root' })
export class ArticlesApi {
  private readonly http = inject(HttpClient);

  list(query: ArticleListQuery): Observable<ArticleListSnapshot> {
    const { path, params } = listRequest(query);
    return this.http.get<ArticleListResponse>(path, { params, observe: 'response' }).pipe(
      map((response) => {
        const body = response.body ?? { articles: [], articlesCount: 0 };
        return { articles: body.articles, articlesCount: body.articlesCount, cursor: cursorOf(response) };
      }),
    );
  }

  get(slug: string): Observable<ArticleSnapshot> {
    return this.http
      .get<ArticleResponse>(`/api/articles/${encodeURIComponent(slug)}`, { observe: 'response' })
      .pipe(map((response) => ({ article: response.body!.article, cursor: cursorOf(response) })));
  }

  /** With the same `idempotencyKey`, a repeat answers with the article the first request created (README, The API). */
  create(article: NewArticle, idempotencyKey: string): Observable<Article> {
    return this.http
      .post<ArticleResponse>('/api/articles', { article }, { headers: { 'Idempotency-Key': idempotencyKey } })
      .pipe(map((body) => body.article));
  }

  update(slug: string, article: Partial<NewArticle>): Observable<Article> {
    return this.http
      .put<ArticleResponse>(`/api/articles/${encodeURIComponent(slug)}`, { article })
      .pipe(map((body) => body.article));
  }

  delete(slug: string, { keepalive = false } = {}): Observable<unknown> {
    return this.http.delete(`/api/articles/${encodeURIComponent(slug)}`, { keepalive });
  }

  setFavorite(slug: string, favorite: boolean): Observable<Article> {
    const url = `/api/articles/${encodeURIComponent(slug)}/favorite`;
    const request = favorite ? this.http.post<ArticleResponse>(url, {}) : this.http.delete<ArticleResponse>(url);
    return request.pipe(map((body) => body.article));
  }
}
