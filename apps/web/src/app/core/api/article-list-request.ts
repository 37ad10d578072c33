/** Which articles a list shows: the lists of the home and profile pages (frontend-routing.md). */
export type ArticleSource =
  | { kind: 'global' }
  | { kind: 'feed' }
  | { kind: 'tag'; tag: string }
  | { kind: 'author'; username: string }
  | { kind: 'favorited'; username: string };

export interface ArticleListQuery {
  source: ArticleSource;
  /** 1-based. */
  page: number;
  perPage: number;
}

/** The REST endpoint and its query parameters. */
export function listRequest(query: ArticleListQuery): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {
    limit: String(query.perPage),
    offset: String((query.page - 1) * query.perPage),
  };
  const { source } = query;
  switch (source.kind) {
    case 'feed':
      return { path: '/api/articles/feed', params };
    case 'tag':
      return { path: '/api/articles', params: { ...params, tag: source.tag } };
    case 'author':
      return { path: '/api/articles', params: { ...params, author: source.username } };
    case 'favorited':
      return { path: '/api/articles', params: { ...params, favorited: source.username } };
    default:
      return { path: '/api/articles', params };
  }
}
