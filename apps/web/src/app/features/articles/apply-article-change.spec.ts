import type { Article, ArticleSummary, Change } from '@conduit/contract';
import { acceptsCreated, listRequest, listTopic, type ArticleListQuery } from './article-list-query';
import { applyArticleChange, type ArticleListState } from './apply-article-change';

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
