import type { Article, ArticleSummary, Change } from '@conduit/contract';

export interface ArticleListState {
  articles: readonly ArticleSummary[];
  articlesCount: number;
}

export interface ApplyOptions {
  /** Whether a created article goes on top of this list (filters, first page only). */
  accepts?: (article: ArticleSummary) => boolean;
  /** Page size: a list that grows past it drops its last item, which now belongs to the next page. */
  limit?: number;
}

/**
 * The list after one change of an article topic, keyed by slug. Stream data is what an anonymous reader
 * sees, so the per-reader fields the list already holds (`favorited`, `author.following`) are kept.
 */
export function applyArticleChange(state: ArticleListState, change: Change, options: ApplyOptions = {}): ArticleListState {
  if (change.entity !== 'article') return state;
  const { articles } = state;
  const index = articles.findIndex((article) => article.slug === change.key);
  if (change.type === 'deleted' || !change.data) {
    if (index === -1) return state;
    return { articles: articles.filter((_, i) => i !== index), articlesCount: Math.max(0, state.articlesCount - 1) };
  }
  const incoming = toSummary(change.data as Article);
  if (index === -1) {
    // An update of an article beyond this page changes nothing here.
    if (change.type !== 'created' || !(options.accepts?.(incoming) ?? true)) return state;
    const grown = [incoming, ...articles];
    return {
      articles: options.limit !== undefined && grown.length > options.limit ? grown.slice(0, options.limit) : grown,
      articlesCount: state.articlesCount + 1,
    };
  }
  return { ...state, articles: articles.map((article, i) => (i === index ? keepReaderFields(article, incoming) : article)) };
}

/** `incoming` (an anonymous view) with the reader's own `favorited` and `author.following` from `held`. */
export function keepReaderFields<T extends ArticleSummary>(held: ArticleSummary, incoming: T): T {
  return { ...incoming, favorited: held.favorited, author: { ...incoming.author, following: held.author.following } };
}

function toSummary(article: Article | ArticleSummary): ArticleSummary {
  const { body: _body, ...summary } = article as Article;
  return summary;
}
