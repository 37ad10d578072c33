import type { ArticleSummary, Change } from '@conduit/contract';
import { applyArticleChange, type ApplyOptions, type ArticleListState } from './apply-article-change';

/** A list as shown, and the new articles held back behind the "N new articles" pill, newest first. */
export interface ListWithNew {
  shown: ArticleListState;
  held: readonly ArticleSummary[];
}

export interface ReceiveOptions extends ApplyOptions {
  /** The reader is not at the top of the list: a new article waits behind the pill rather than push the list. */
  hold: boolean;
}

/**
 * The list after one change of its topic. A created article the list accepts is held while the reader is
 * below the top, and also while others are held, so the list never shows a newer article above an older
 * one it holds back. A held article follows its own updates and deletion until it is shown.
 */
export function receiveArticleChange(list: ListWithNew, change: Change, options: ReceiveOptions): ListWithNew {
  if (change.entity !== 'article') return list;
  if (list.held.some((article) => article.slug === change.key)) {
    return { ...list, held: applyArticleChange({ articles: list.held, articlesCount: list.held.length }, change).articles };
  }
  const holding = options.hold || list.held.length > 0;
  const isNew = change.type === 'created' && !list.shown.articles.some((article) => article.slug === change.key);
  if (holding && isNew) {
    const held = applyArticleChange({ articles: list.held, articlesCount: list.held.length }, change, { accepts: options.accepts }).articles;
    return held === list.held ? list : { ...list, held };
  }
  return { ...list, shown: applyArticleChange(list.shown, change, options) };
}

/** The held articles on top of the list (the pill was pressed), each once; a full page keeps its size. */
export function showHeld(list: ListWithNew, limit?: number): ListWithNew {
  const fresh = list.held.filter((held) => !list.shown.articles.some((article) => article.slug === held.slug));
  const articles = [...fresh, ...list.shown.articles];
  return {
    shown: { articles: limit !== undefined ? articles.slice(0, limit) : articles, articlesCount: list.shown.articlesCount + fresh.length },
    held: [],
  };
}

/** A new snapshot of the list: what it already shows is no longer held. */
export function withSnapshot(list: ListWithNew, shown: ArticleListState): ListWithNew {
  return { shown, held: list.held.filter((held) => !shown.articles.some((article) => article.slug === held.slug)) };
}

/** The reader favorited or unfavorited `slug` in another tab: its ♥, wherever the list has it (the count comes on the stream). */
export function withFavorited(list: ListWithNew, slug: string, favorited: boolean): ListWithNew {
  const mark = (articles: readonly ArticleSummary[]) =>
    articles.some((article) => article.slug === slug && article.favorited !== favorited)
      ? articles.map((article) => (article.slug === slug ? { ...article, favorited } : article))
      : articles;
  const shown = mark(list.shown.articles);
  const held = mark(list.held);
  return shown === list.shown.articles && held === list.held ? list : { shown: { ...list.shown, articles: shown }, held };
}
