import { ARTICLES_TOPIC, FEED_TOPIC, type ArticleSummary, type Change } from '@conduit/contract';
import type { ArticleListQuery, ArticleSource } from '../../core/api/article-list-request';

/** The live topic that keeps the list current: the reader's feed has its own, every other list filters `articles`. */
export function listTopic(source: ArticleSource): string {
  return source.kind === 'feed' ? FEED_TOPIC : ARTICLES_TOPIC;
}

/**
 * Whether a newly created article belongs on top of this list. Only the first page grows (later pages would
 * shift under the reader), and a favorited list never does: a new article has no favorites yet.
 */
export function acceptsCreated(query: ArticleListQuery, article: ArticleSummary): boolean {
  if (query.page !== 1) return false;
  const { source } = query;
  switch (source.kind) {
    case 'tag':
      return article.tagList.includes(source.tag);
    case 'author':
      return article.author.username === source.username;
    case 'favorited':
      return false;
    default:
      return true;
  }
}

/**
 * Whether a change may add an article to a favorited list or take one out, which only a new snapshot can
 * tell: the stream carries an article's favorite count, not who favorited it. A count that moved on an
 * article the list shows, or any favorited article it does not show, may be the list's owner at work.
 */
export function mayChangeFavorites(query: ArticleListQuery, shown: readonly ArticleSummary[], change: Change): boolean {
  if (query.source.kind !== 'favorited' || change.type !== 'updated' || change.entity !== 'article' || !change.data) return false;
  const incoming = change.data as ArticleSummary;
  const held = shown.find((article) => article.slug === change.key);
  return held ? held.favoritesCount !== incoming.favoritesCount : incoming.favoritesCount > 0;
}
