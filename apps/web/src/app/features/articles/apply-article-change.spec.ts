import type { Article, ArticleSummary, Change } from '@conduit/contract';
import { listRequest, type ArticleListQuery } from '../../core/api/article-list-request';
import { acceptsCreated, listTopic, mayChangeFavorites } from './article-list-query';
import { applyArticleChange, type ArticleListState } from './apply-article-change';
import { receiveArticleChange, showHeld, withFavorited, withSnapshot, type ListWithNew } from './new-articles';

function article(slug: string, overrides: Partial<Article> = {}): Article {
  return {
    slug, title: slug, description: '', body: 'body', tagList: ['live'], createdAt: '', updatedAt: '',
    favorited: false, favoritesCount: 0, author: { username: 'ann', bio: null, image: null, following: false }, ...overrides,
  };
}
const summary = (slug: string, overrides: Partial<Article> = {}): ArticleSummary => {
  const { body: _body, ...rest } = article(slug, overrides);
  return rest;
};
const change = (type: Change['type'], key: string, data: Article | null, cursor = '9'): Change =>
  ({ topic: 'articles', cursor, type, entity: 'article', key, data });
const state = (...slugs: string[]): ArticleListState => ({ articles: slugs.map((slug) => summary(slug)), articlesCount: slugs.length });
const slugs = (s: ArticleListState) => s.articles.map((a) => a.slug);

describe('applyArticleChange', () => {
  it('puts a created article on top, without its body, and counts it', () => {
    const next = applyArticleChange(state('b'), change('created', 'a', article('a')));
    expect(slugs(next)).toEqual(['a', 'b']);
    expect(next.articlesCount).toBe(2);
    expect(next.articles[0]).not.toHaveProperty('body');
  });

  it('keeps a full page at its size: the last article moves to the next page', () => {
    expect(slugs(applyArticleChange(state('b', 'c'), change('created', 'a', article('a')), { limit: 2 }))).toEqual(['a', 'b']);
  });

  it('leaves out a created article the list does not accept', () => {
    const before = state('b');
    expect(applyArticleChange(before, change('created', 'a', article('a')), { accepts: () => false })).toBe(before);
  });

  it("updates in place and keeps the reader's own favorited and following", () => {
    const before: ArticleListState = { articles: [summary('a', { favorited: true, author: { username: 'ann', bio: null, image: null, following: true } })], articlesCount: 1 };
    const next = applyArticleChange(before, change('updated', 'a', article('a', { favoritesCount: 5, title: 'New' })));
    expect(next.articles[0]).toMatchObject({ title: 'New', favoritesCount: 5, favorited: true, author: { following: true } });
  });

  it('ignores an update of an article that is not on this page, and removes a deleted one', () => {
    const before = state('a', 'b');
    expect(applyArticleChange(before, change('updated', 'z', article('z')))).toBe(before);
    const next = applyArticleChange(before, change('deleted', 'a', null));
    expect([slugs(next), next.articlesCount]).toEqual([['b'], 1]);
  });
});

describe('article list queries', () => {
  const query = (source: ArticleListQuery['source'], page = 1): ArticleListQuery => ({ source, page, perPage: 10 });

  it('maps each list to its endpoint, page and filter', () => {
    expect(listRequest(query({ kind: 'global' }, 3))).toEqual({ path: '/api/articles', params: { limit: '10', offset: '20' } });
    expect(listRequest(query({ kind: 'feed' }))).toEqual({ path: '/api/articles/feed', params: { limit: '10', offset: '0' } });
    expect(listRequest(query({ kind: 'tag', tag: 'x' })).params).toMatchObject({ tag: 'x' });
    expect(listRequest(query({ kind: 'favorited', username: 'u' })).params).toMatchObject({ favorited: 'u' });
  });

  it('follows the feed topic for the feed and the articles topic otherwise', () => {
    expect([listTopic({ kind: 'feed' }), listTopic({ kind: 'author', username: 'u' })]).toEqual(['feed', 'articles']);
  });

  it('grows only the first page, and only with articles that match its filter', () => {
    const a = summary('a', { tagList: ['x'] });
    expect(acceptsCreated(query({ kind: 'global' }), a)).toBe(true);
    expect(acceptsCreated(query({ kind: 'global' }, 2), a)).toBe(false);
    expect(acceptsCreated(query({ kind: 'tag', tag: 'x' }), a)).toBe(true);
    expect(acceptsCreated(query({ kind: 'tag', tag: 'y' }), a)).toBe(false);
    expect(acceptsCreated(query({ kind: 'author', username: 'ann' }), a)).toBe(true);
    expect(acceptsCreated(query({ kind: 'author', username: 'bob' }), a)).toBe(false);
    expect(acceptsCreated(query({ kind: 'favorited', username: 'ann' }), a)).toBe(false);
  });
});

describe('new articles behind the pill', () => {
  const list = (shown: string[], held: string[] = []): ListWithNew => ({ shown: state(...shown), held: held.map((slug) => summary(slug)) });
  const receive = (l: ListWithNew, c: Change, hold: boolean) => receiveArticleChange(l, c, { hold, limit: 3 });
  const held = (l: ListWithNew) => l.held.map((a) => a.slug);

  it('puts a new article straight on top while the reader is at the top', () => {
    const next = receive(list(['b']), change('created', 'a', article('a')), false);
    expect([slugs(next.shown), held(next)]).toEqual([['a', 'b'], []]);
  });

  it('holds new articles, newest first, while the reader is below the top, and leaves the list as it is', () => {
    const before = list(['c']);
    const once = receive(before, change('created', 'b', article('b'), '10'), true);
    const twice = receive(once, change('created', 'a', article('a'), '11'), true);
    expect([slugs(twice.shown), held(twice), twice.shown.articlesCount]).toEqual([['c'], ['a', 'b'], 1]);
  });

  it('keeps holding once something is held, even at the top, so a newer article never shows above an older held one', () => {
    const next = receive(list(['c'], ['b']), change('created', 'a', article('a')), false);
    expect([slugs(next.shown), held(next)]).toEqual([['c'], ['a', 'b']]);
  });

  it('holds a replayed article only once, and never one the list already shows', () => {
    const replayed = receive(list(['c'], ['b']), change('created', 'b', article('b', { title: 'Again' })), true);
    expect([held(replayed), replayed.held[0].title]).toEqual([['b'], 'Again']);
    const shown = receive(list(['c']), change('created', 'c', article('c')), true);
    expect([slugs(shown.shown), held(shown)]).toEqual([['c'], []]);
  });

  it('follows the updates and the deletion of a held article', () => {
    const updated = receive(list(['c'], ['a', 'b']), change('updated', 'b', article('b', { title: 'Edited' })), true);
    expect(updated.held.map((a) => a.title)).toEqual(['a', 'Edited']);
    const deleted = receive(updated, change('deleted', 'a', null), true);
    expect([held(deleted), slugs(deleted.shown), deleted.shown.articlesCount]).toEqual([['b'], ['c'], 1]);
  });

  it('does not hold what the list refuses (another tag, a later page)', () => {
    const next = receiveArticleChange(list(['c']), change('created', 'a', article('a')), { hold: true, accepts: () => false });
    expect(held(next)).toEqual([]);
  });

  it('shows the held articles on top, counted once, keeping a full page at its size', () => {
    const next = showHeld(list(['c', 'd', 'e'], ['a', 'b']), 3);
    expect([slugs(next.shown), next.shown.articlesCount, held(next)]).toEqual([['a', 'b', 'c'], 5, []]);
  });

  it('drops from the held articles what a new snapshot already shows', () => {
    const next = withSnapshot(list(['c'], ['a', 'b']), state('b', 'c'));
    expect([slugs(next.shown), held(next)]).toEqual([['b', 'c'], ['a']]);
  });
});

describe('mayChangeFavorites', () => {
  const favorited = { source: { kind: 'favorited', username: 'ann' }, page: 1, perPage: 10 } as const;
  const shown = [summary('a', { favoritesCount: 2 })];

  it('asks for a snapshot when a shown article gains or loses a favorite, or an unshown one has favorites', () => {
    expect(mayChangeFavorites(favorited, shown, change('updated', 'a', article('a', { favoritesCount: 1 })))).toBe(true);
    expect(mayChangeFavorites(favorited, shown, change('updated', 'z', article('z', { favoritesCount: 1 })))).toBe(true);
  });

  it('does not for an edit that leaves the count, an unfavorited stranger, a deletion, or another list', () => {
    expect(mayChangeFavorites(favorited, shown, change('updated', 'a', article('a', { favoritesCount: 2, title: 'New' })))).toBe(false);
    expect(mayChangeFavorites(favorited, shown, change('updated', 'z', article('z', { favoritesCount: 0 })))).toBe(false);
    expect(mayChangeFavorites(favorited, shown, change('deleted', 'a', null))).toBe(false);
    expect(mayChangeFavorites({ ...favorited, source: { kind: 'global' } }, shown, change('updated', 'a', article('a', { favoritesCount: 1 })))).toBe(false);
  });
});

describe('withFavorited', () => {
  const list: ListWithNew = { shown: state('a', 'b'), held: [summary('c')] };

  it('sets the ♥ of the article another tab favorited, shown or held, and nothing else', () => {
    const shownOne = withFavorited(list, 'b', true);
    expect(shownOne.shown.articles.map((a) => a.favorited)).toEqual([false, true]);
    expect(shownOne.shown.articlesCount).toBe(2);
    expect(shownOne.shown.articles[1].favoritesCount).toBe(0);
    expect(withFavorited(list, 'c', true).held[0].favorited).toBe(true);
  });

  it('leaves a list that does not have the article, or has it already so, as it is', () => {
    expect(withFavorited(list, 'z', true)).toBe(list);
    expect(withFavorited(list, 'a', false)).toBe(list);
  });
});
