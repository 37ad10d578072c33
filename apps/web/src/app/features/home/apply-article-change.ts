import type { Article, ArticleSummary, Change } from '@conduit/contract';

/**
 * The list after one change of the `articles` topic, keyed by slug. Stream data is what an anonymous reader
 * sees, so the per-reader fields this list already holds (`favorited`, `author.following`) are kept.
 */
export function applyArticleChange(list: readonly ArticleSummary[], change: Change): readonly ArticleSummary[] {
  if (change.entity !== 'article') return list;
  const index = list.findIndex((article) => article.slug === change.key);
  if (change.type === 'deleted' || !change.data) {
    return index === -1 ? list : list.filter((_, i) => i !== index);
  }
  const incoming = toSummary(change.data);
  if (index === -1) {
    // An update of an article beyond this page changes nothing here.
    return change.type === 'created' ? [incoming, ...list] : list;
  }
  const held = list[index];
  const merged: ArticleSummary = {
    ...incoming,
    favorited: held.favorited,
    author: { ...incoming.author, following: held.author.following },
  };
  return list.map((article, i) => (i === index ? merged : article));
}

function toSummary(article: Article | ArticleSummary): ArticleSummary {
  const { body: _body, ...summary } = article as Article;
  return summary;
}
