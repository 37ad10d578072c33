import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { Article, ArticleListResponse } from '@conduit/contract';
import { ArticleEntity } from '../apps/api/src/articles/article.entity';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

const newArticle = (title: string, tagList: string[] = ['live']) => ({ article: { title, description: `about ${title}`, body: `# ${title}`, tagList } });
const uid = () => randomBytes(4).toString('hex');
const ISO_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const CURSOR = /^[1-9]\d*$/;

describe.each(availableStores())('articles REST on %s', (store) => {
  let app: TestApp;
  let author: Account;
  let other: Account;

  beforeAll(async () => {
    app = await startTestApp(store);
    [author, other] = [await registerUser(app.baseUrl, 'author'), await registerUser(app.baseUrl, 'other')];
  });
  afterAll(() => app.close());

  const api = () => request(app.baseUrl);
  const as = (account: Account) => ({ authorization: `Token ${account.token}` });
  const post = (body: object, account: Account = author) => api().post('/api/articles').set(as(account)).send(body);
  const titles = (res: request.Response) => (res.body as ArticleListResponse).articles.map((article) => article.title);
  const slugs = (res: request.Response) => (res.body as ArticleListResponse).articles.map((article) => article.slug);
  const empty = { articles: [], articlesCount: 0 };

  describe('create', () => {
    it('creates an article with 201 and answers the RealWorld shape, authored by the signed-in user', async () => {
      const res = await post(newArticle('How to train your dragon')).expect(201);
      const article = res.body.article as Article;
      expect(article).toEqual({
        slug: 'how-to-train-your-dragon',
        title: 'How to train your dragon',
        description: 'about How to train your dragon',
        body: '# How to train your dragon',
        tagList: ['live'],
        createdAt: expect.stringMatching(ISO_MILLIS),
        updatedAt: article.createdAt,
        favorited: false,
        favoritesCount: 0,
        author: { username: author.username, bio: null, image: null, following: false },
      });
    });

    it('names its author, and a comment its writer, with the profile they show now', async () => {
      const writer = await registerUser(app.baseUrl, 'profiled');
      const profile = { bio: 'Writes about dragons', image: 'https://example.com/dragon.png' };
      await api().put('/api/user').set(as(writer)).send({ user: profile }).expect(200);
      const created = await post(newArticle(`Profiled ${uid()}`), writer).expect(201);
      expect(created.body.article.author).toEqual({ username: writer.username, ...profile, following: false });
      const comment = await api().post(`/api/articles/${created.body.article.slug}/comments`).set(as(writer)).send({ comment: { body: 'Mine' } }).expect(201);
      expect(comment.body.comment.author).toEqual({ username: writer.username, ...profile, following: false });
    });

    it.each([
      ['no token', {}, { token: ['is missing'] }],
      ['a bad token', { authorization: 'Token not.a.jwt' }, { token: ['is invalid'] }],
    ])('answers a create with %s with 401, before validating the body', async (_case, headers, errors) => {
      for (const body of [newArticle('Anonymous'), { article: { title: '' } }, {}]) {
        const res = await api().post('/api/articles').set(headers).send(body).expect(401);
        expect(res.body).toEqual({ errors });
      }
    });

    it('gives a second article with the same title its own slug', async () => {
      const first = await post(newArticle('Twice')).expect(201);
      const second = await post(newArticle('Twice')).expect(201);
      expect(first.body.article.slug).toBe('twice');
      expect(second.body.article.slug).toMatch(/^twice-[0-9a-f]{8}$/);
    });

    it('keeps tags sorted, trimmed and without duplicates', async () => {
      const res = await post(newArticle(`Tags ${uid()}`, ['zeta', ' alpha ', 'zeta', 'mid'])).expect(201);
      expect(res.body.article.tagList).toEqual(['alpha', 'mid', 'zeta']);
    });

    it.each([
      ['a missing wrapper', {}, { article: ["can't be blank"] }],
      ['a wrapper that is a string', { article: 'text' }, { article: ['must be an object'] }],
      ['a blank title', { article: { title: '', description: 'd', body: 'b' } }, { title: ["can't be blank"] }],
      ['a blank description', { article: { title: 't', description: '', body: 'b' } }, { description: ["can't be blank"] }],
      ['a blank body', { article: { title: 't', description: 'd', body: '' } }, { body: ["can't be blank"] }],
      ['a title of only spaces', { article: { title: '   ', description: 'd', body: 'b' } }, { title: ["can't be blank"] }],
      ['a description of only whitespace', { article: { title: 't', description: '\t\n', body: 'b' } }, { description: ["can't be blank"] }],
      ['a body of only spaces and newlines', { article: { title: 't', description: 'd', body: '  \n \u00a0\u3000' } }, { body: ["can't be blank"] }],
      ['a numeric body', { article: { title: 't', description: 'd', body: 42 } }, { body: ['must be a string'] }],
      ['tags that are not strings', { article: { title: 't', description: 'd', body: 'b', tagList: [1] } }, { tagList: ['must be an array of strings'] }],
      ['a blank tag', { article: { title: 't', description: 'd', body: 'b', tagList: ['ok', ''] } }, { tagList: ["can't hold a blank tag"] }],
      ['a title over 255 characters', { article: { title: 'x'.repeat(256), description: 'd', body: 'b' } }, { title: ['is too long (maximum is 255 characters)'] }],
    ])('rejects %s with 422 and field-keyed errors', async (_case, body, errors) => {
      const res = await post(body).expect(422);
      expect(res.body).toEqual({ errors });
    });
  });

  describe('unicode and reserved slugs', () => {
    it('keeps unicode titles readable in the slug, and serves the article at it', async () => {
      const res = await post(newArticle('Ça marche très bien — 日本語')).expect(201);
      expect(res.body.article.slug).toBe('ca-marche-tres-bien-日本語');
      const got = await api().get(`/api/articles/${encodeURIComponent('ca-marche-tres-bien-日本語')}`).expect(200);
      expect(got.body.article.title).toBe('Ça marche très bien — 日本語');
    });

    it('gives a title without letters or digits a usable slug', async () => {
      const res = await post(newArticle('!!! ??? 🎉')).expect(201);
      expect(res.body.article.slug).toMatch(/^article(-[0-9a-f]{8})?$/);
      await api().get(`/api/articles/${encodeURIComponent(res.body.article.slug)}`).expect(200);
    });

    it('never gives an article a slug that GET /api/articles/:slug cannot reach ("feed")', async () => {
      const res = await post(newArticle('Feed')).expect(201);
      expect(res.body.article.slug).toMatch(/^feed-[0-9a-f]{8}$/);
      const got = await api().get(`/api/articles/${res.body.article.slug}`).expect(200);
      expect(got.body.article.title).toBe('Feed');
    });
  });

  describe('read one', () => {
    it('answers the article by slug to anyone, with the stream cursor, and keeps createdAt to the millisecond', async () => {
      const created = await createArticle(app.baseUrl, author, `Read me ${uid()}`);
      const res = await api().get(`/api/articles/${created.slug}`).expect(200);
      expect(res.body).toEqual({ article: created });
      expect(res.headers['x-stream-cursor']).toMatch(CURSOR);
    });

    it('answers an unknown slug with 404 for every verb', async () => {
      const slug = `unknown-slug-${uid()}`;
      for (const res of [
        await api().get(`/api/articles/${slug}`).expect(404),
        await api().get(`/api/articles/${slug}`).set(as(author)).expect(404),
        await api().put(`/api/articles/${slug}`).set(as(author)).send({ article: { body: 'x' } }).expect(404),
        await api().delete(`/api/articles/${slug}`).set(as(author)).expect(404),
        await api().post(`/api/articles/${slug}/favorite`).set(as(author)).expect(404),
        await api().delete(`/api/articles/${slug}/favorite`).set(as(author)).expect(404),
      ]) {
        expect(res.body).toEqual({ errors: { article: ['not found'] } });
      }
    });

    it.each([
      ['PUT', (slug: string) => api().put(`/api/articles/${slug}`).send({ article: { body: 'x' } })],
      ['DELETE', (slug: string) => api().delete(`/api/articles/${slug}`)],
      ['POST favorite', (slug: string) => api().post(`/api/articles/${slug}/favorite`)],
      ['DELETE favorite', (slug: string) => api().delete(`/api/articles/${slug}/favorite`)],
    ])('answers %s without a token with 401, for a real and an unknown slug', async (_case, send) => {
      const { slug } = await createArticle(app.baseUrl, author, `Guarded ${uid()}`);
      for (const target of [slug, `unknown-${uid()}`]) {
        const res = await send(target).expect(401);
        expect(res.body).toEqual({ errors: { token: ['is missing'] } });
      }
    });
  });

  describe('update', () => {
    const put = (slug: string, article: unknown, account: Account = author) => api().put(`/api/articles/${slug}`).set(as(account)).send({ article });

    it('updates for the author: slug and createdAt stay, updatedAt moves, unsent fields and tags stay', async () => {
      const tag = `upd_${uid()}`;
      const created = await createArticle(app.baseUrl, author, `Original ${uid()}`, [tag, 'second']);
      const res = await put(created.slug, { title: 'A new title', body: 'New body' }).expect(200);
      const updated = res.body.article as Article;
      expect(updated).toEqual({
        ...created,
        title: 'A new title',
        body: 'New body',
        updatedAt: expect.stringMatching(ISO_MILLIS),
      });
      expect(Date.parse(updated.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
      expect((await api().get(`/api/articles/${created.slug}`).expect(200)).body).toEqual({ article: updated });
      expect(slugs(await api().get(`/api/articles?tag=${tag}`).expect(200))).toEqual([created.slug]);
    });

    it('replaces the tags, and tagList [] clears them from the article, the tag filter and the tag list', async () => {
      const [oldTag, newTag] = [`old_${uid()}`, `new_${uid()}`];
      const { slug } = await createArticle(app.baseUrl, author, `Retagged ${uid()}`, [oldTag]);
      expect((await put(slug, { tagList: [newTag] }).expect(200)).body.article.tagList).toEqual([newTag]);
      expect(slugs(await api().get(`/api/articles?tag=${oldTag}`).expect(200))).toEqual([]);
      expect(slugs(await api().get(`/api/articles?tag=${newTag}`).expect(200))).toEqual([slug]);

      expect((await put(slug, { tagList: [] }).expect(200)).body.article.tagList).toEqual([]);
      expect((await api().get(`/api/articles/${slug}`).expect(200)).body.article.tagList).toEqual([]);
      expect(await api().get(`/api/articles?tag=${newTag}`).expect(200).then((res) => res.body)).toEqual(empty);
      const { tags } = (await api().get('/api/tags').expect(200)).body as { tags: string[] };
      expect(tags).not.toContain(oldTag);
      expect(tags).not.toContain(newTag);
    });

    it('answers the tag list with the stream cursor it was read at, so that the articles topic keeps it current', async () => {
      const before = await api().get('/api/tags').expect(200);
      expect(before.headers['x-stream-cursor']).toMatch(CURSOR);
      const tag = `fresh_${uid()}`;
      await createArticle(app.baseUrl, author, `Freshly tagged ${uid()}`, [tag]);
      const after = await api().get('/api/tags').expect(200);
      expect(BigInt(after.headers['x-stream-cursor'])).toBeGreaterThan(BigInt(before.headers['x-stream-cursor']));
      expect(after.body.tags).toContain(tag);
    });

    it.each([
      ['tagList null', { tagList: null }, { tagList: ['must be an array of strings'] }],
      ['title null', { title: null }, { title: ['must be a string'] }],
      ['a blank title', { title: '' }, { title: ["can't be blank"] }],
      ['a blank body', { body: '' }, { body: ["can't be blank"] }],
      ['a title of only spaces', { title: '  ' }, { title: ["can't be blank"] }],
      ['a body of only whitespace', { body: ' \n\t ' }, { body: ["can't be blank"] }],
      ['tags that are not strings', { tagList: [true] }, { tagList: ['must be an array of strings'] }],
    ])('refuses %s with 422 and changes nothing', async (_case, changes, errors) => {
      const created = await createArticle(app.baseUrl, author, `Stable ${uid()}`);
      const res = await put(created.slug, changes).expect(422);
      expect(res.body).toEqual({ errors });
      expect((await api().get(`/api/articles/${created.slug}`).expect(200)).body).toEqual({ article: created });
    });

    it('refuses a missing wrapper with 422', async () => {
      const { slug } = await createArticle(app.baseUrl, author, `Unwrapped ${uid()}`);
      const res = await api().put(`/api/articles/${slug}`).set(as(author)).send({ body: 'x' }).expect(422);
      expect(res.body).toEqual({ errors: { article: ["can't be blank"] } });
    });

    it('answers update and delete by another user with 403 and leaves the article alone', async () => {
      const created = await createArticle(app.baseUrl, author, `Not yours ${uid()}`);
      const update = await put(created.slug, { body: 'hijacked' }, other).expect(403);
      expect(update.body).toEqual({ errors: { article: ['forbidden'] } });
      const remove = await api().delete(`/api/articles/${created.slug}`).set(as(other)).expect(403);
      expect(remove.body).toEqual({ errors: { article: ['forbidden'] } });
      expect((await api().get(`/api/articles/${created.slug}`).expect(200)).body).toEqual({ article: created });
    });
  });

  describe('delete', () => {
    it('deletes with 204; then the article, its favorites and its tags are gone', async () => {
      const tag = `gone_${uid()}`;
      const { slug } = await createArticle(app.baseUrl, author, `Doomed ${uid()}`, [tag]);
      await api().post(`/api/articles/${slug}/favorite`).set(as(other)).expect(200);

      const res = await api().delete(`/api/articles/${slug}`).set(as(author)).expect(204);
      expect(res.text).toBe('');
      expect((await api().get(`/api/articles/${slug}`).expect(404)).body).toEqual({ errors: { article: ['not found'] } });
      await api().delete(`/api/articles/${slug}`).set(as(author)).expect(404);
      expect(slugs(await api().get(`/api/articles?author=${author.username}&limit=100`).expect(200))).not.toContain(slug);
      expect(slugs(await api().get(`/api/articles?favorited=${other.username}&limit=100`).expect(200))).not.toContain(slug);
      expect((await api().get(`/api/articles?tag=${tag}`).expect(200)).body).toEqual(empty);
      expect((await api().get('/api/tags').expect(200)).body.tags).not.toContain(tag);
    });
  });

  describe('favorites', () => {
    it('favorites and unfavorites idempotently, counting every reader once and flagging only the reader', async () => {
      const [fan, second] = [await registerUser(app.baseUrl, 'fan'), await registerUser(app.baseUrl, 'fan2')];
      const { slug } = await createArticle(app.baseUrl, author, `Lovable ${uid()}`);
      const favorite = (account: Account) => api().post(`/api/articles/${slug}/favorite`).set(as(account)).expect(200);
      const unfavorite = (account: Account) => api().delete(`/api/articles/${slug}/favorite`).set(as(account)).expect(200);
      const seenBy = async (account?: Account) => {
        const req = api().get(`/api/articles/${slug}`);
        const { article } = (await (account ? req.set(as(account)) : req).expect(200)).body as { article: Article };
        return { favorited: article.favorited, favoritesCount: article.favoritesCount };
      };

      expect((await favorite(fan)).body.article).toMatchObject({ slug, favorited: true, favoritesCount: 1, body: expect.any(String) });
      expect((await favorite(fan)).body.article).toMatchObject({ favorited: true, favoritesCount: 1 });
      expect((await favorite(second)).body.article).toMatchObject({ favorited: true, favoritesCount: 2 });
      expect(await seenBy(fan)).toEqual({ favorited: true, favoritesCount: 2 });
      expect(await seenBy(author)).toEqual({ favorited: false, favoritesCount: 2 });
      expect(await seenBy()).toEqual({ favorited: false, favoritesCount: 2 });

      const listed = await api().get(`/api/articles?favorited=${fan.username}`).set(as(fan)).expect(200);
      expect(listed.body).toEqual({ articles: [expect.objectContaining({ slug, favorited: true, favoritesCount: 2 })], articlesCount: 1 });

      expect((await unfavorite(fan)).body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
      expect((await unfavorite(fan)).body.article).toMatchObject({ favorited: false, favoritesCount: 1 });
      expect(await seenBy(fan)).toEqual({ favorited: false, favoritesCount: 1 });
      expect((await api().get(`/api/articles?favorited=${fan.username}`).expect(200)).body).toEqual(empty);
      expect(slugs(await api().get(`/api/articles?favorited=${second.username}`).expect(200))).toEqual([slug]);
    });

    it('counts concurrent favorites by different readers exactly', async () => {
      const fans = await Promise.all([0, 1, 2, 3].map(() => registerUser(app.baseUrl, 'crowd')));
      const { slug } = await createArticle(app.baseUrl, author, `Crowded ${uid()}`);
      await Promise.all(fans.map((fan) => api().post(`/api/articles/${slug}/favorite`).set(as(fan)).expect(200)));
      expect((await api().get(`/api/articles/${slug}`).expect(200)).body.article.favoritesCount).toBe(4);
    });
  });

  describe('list filters', () => {
    let writer: Account;
    let tag: string;
    let tagged: Article;
    let untagged: Article;

    beforeAll(async () => {
      writer = await registerUser(app.baseUrl, 'writer');
      tag = `filter_${uid()}`;
      tagged = await createArticle(app.baseUrl, writer, `Tagged ${uid()}`, [tag]);
      untagged = await createArticle(app.baseUrl, writer, `Untagged ${uid()}`, []);
      await createArticle(app.baseUrl, author, `Same tag, other author ${uid()}`, [tag]);
      await api().post(`/api/articles/${untagged.slug}/favorite`).set(as(other)).expect(200);
    });

    it('filters by author', async () => {
      const res = await api().get(`/api/articles?author=${writer.username}`).expect(200);
      expect(res.body.articlesCount).toBe(2);
      expect(slugs(res)).toEqual([untagged.slug, tagged.slug]);
      expect(res.body.articles.every((article: Article) => article.author.username === writer.username)).toBe(true);
    });

    it('filters by tag, and by tag and author together', async () => {
      const byTag = await api().get(`/api/articles?tag=${tag}`).expect(200);
      expect(byTag.body.articlesCount).toBe(2);
      expect(byTag.body.articles.every((article: Article) => article.tagList.includes(tag))).toBe(true);
      const both = await api().get(`/api/articles?tag=${tag}&author=${writer.username}`).expect(200);
      expect(both.body).toEqual({ articles: [expect.objectContaining({ slug: tagged.slug, tagList: [tag] })], articlesCount: 1 });
    });

    it('filters by the user who favorited', async () => {
      const res = await api().get(`/api/articles?favorited=${other.username}&author=${writer.username}`).expect(200);
      expect(slugs(res)).toEqual([untagged.slug]);
      expect(res.body.articlesCount).toBe(1);
    });

    it.each(['tag', 'author', 'favorited'])('answers an unknown %s with an empty list', async (filter) => {
      const res = await api().get(`/api/articles?${filter}=nobody_${uid()}`).expect(200);
      expect(res.body).toEqual(empty);
    });

    it.each(["' OR 1=1 --", '" OR ""="', "x'; DROP TABLE article; --", '%', '_', '*'])(
      'treats the SQL-looking value %j as a plain value: empty lists, not 500',
      async (value) => {
        for (const filter of ['tag', 'author', 'favorited']) {
          const res = await api().get('/api/articles').query({ [filter]: value }).expect(200);
          expect(res.body).toEqual(empty);
        }
        expect((await api().get('/api/articles').expect(200)).body.articlesCount).toBeGreaterThan(0);
      },
    );

    it('refuses a filter given twice with 422', async () => {
      const res = await api().get(`/api/articles?tag=a&tag=b`).expect(422);
      expect(res.body).toEqual({ errors: { tag: ['must be a single string'] } });
    });
  });

  describe('feed', () => {
    it('answers 401 without a token', async () => {
      const res = await api().get('/api/articles/feed').expect(401);
      expect(res.body).toEqual({ errors: { token: ['is missing'] } });
    });

    it("lists only followed authors' articles, newest first, paged, flagged as followed, with the stream cursor", async () => {
      const [reader, followed, ignored] = await Promise.all(['feedm', 'feedc', 'feedx'].map((prefix) => registerUser(app.baseUrl, prefix)));
      const emptyFeed = await api().get('/api/articles/feed').set(as(reader)).expect(200);
      expect(emptyFeed.body).toEqual(empty);
      expect(emptyFeed.headers['x-stream-cursor']).toMatch(CURSOR);

      await api().post(`/api/profiles/${followed.username}/follow`).set(as(reader)).expect(200);
      const first = await createArticle(app.baseUrl, followed, 'Feed one');
      await createArticle(app.baseUrl, ignored, 'Not in the feed');
      const second = await createArticle(app.baseUrl, followed, 'Feed two');
      await api().post(`/api/articles/${first.slug}/favorite`).set(as(reader)).expect(200);

      const feed = await api().get('/api/articles/feed').set(as(reader)).expect(200);
      expect(feed.body.articlesCount).toBe(2);
      expect(slugs(feed)).toEqual([second.slug, first.slug]);
      expect(feed.body.articles[0]).not.toHaveProperty('body');
      expect(feed.body.articles.map((article: Article) => article.author)).toEqual([
        { username: followed.username, bio: null, image: null, following: true },
        { username: followed.username, bio: null, image: null, following: true },
      ]);
      expect(feed.body.articles.map((article: Article) => article.favorited)).toEqual([false, true]);
      expect(feed.headers['x-stream-cursor']).toMatch(CURSOR);

      const page = await api().get('/api/articles/feed?limit=1&offset=1').set(as(reader)).expect(200);
      expect(page.body).toEqual({ articles: [expect.objectContaining({ slug: first.slug })], articlesCount: 2 });

      // The same articles in the global list carry the reader's following flag too.
      const listed = await api().get(`/api/articles?author=${followed.username}`).set(as(reader)).expect(200);
      expect(listed.body.articles.map((article: Article) => article.author.following)).toEqual([true, true]);

      await api().delete(`/api/profiles/${followed.username}/follow`).set(as(reader)).expect(200);
      expect((await api().get('/api/articles/feed').set(as(reader)).expect(200)).body).toEqual(empty);
    });

    it('validates limit and offset with 422', async () => {
      const res = await api().get('/api/articles/feed?limit=0').set(as(author)).expect(422);
      expect(res.body).toEqual({ errors: { limit: ['must be at least 1'] } });
    });
  });

  describe('list, pagination and ordering', () => {
    it('lists newest first without bodies, with limit, offset and the stream cursor header', async () => {
      const writer = await registerUser(app.baseUrl, 'pager');
      for (const title of ['Page one', 'Page two', 'Page three']) await createArticle(app.baseUrl, writer, title);
      const res = await api().get(`/api/articles?author=${writer.username}&limit=2&offset=1`).expect(200);
      const list = res.body as ArticleListResponse;
      expect(titles(res)).toEqual(['Page two', 'Page one']);
      expect(list.articles[0]).not.toHaveProperty('body');
      expect(list.articlesCount).toBe(3);
      expect(res.headers['x-stream-cursor']).toMatch(CURSOR);
    });

    it('pages 20 by default and counts every match', async () => {
      const writer = await registerUser(app.baseUrl, 'prolific');
      const created: Article[] = [];
      for (let i = 0; i < 23; i++) created.push(await createArticle(app.baseUrl, writer, `Prolific ${i}`));
      const newestFirst = created.map((article) => article.slug).reverse();
      const firstPage = await api().get(`/api/articles?author=${writer.username}`).expect(200);
      expect(firstPage.body.articlesCount).toBe(23);
      expect(slugs(firstPage)).toEqual(newestFirst.slice(0, 20));
      const lastPage = await api().get(`/api/articles?author=${writer.username}&limit=10&offset=20`).expect(200);
      expect(lastPage.body.articlesCount).toBe(23);
      expect(slugs(lastPage)).toEqual(newestFirst.slice(20));
    });

    it('orders articles written within the same second by their milliseconds', async () => {
      const writer = await registerUser(app.baseUrl, 'quick');
      const created: Article[] = [];
      for (let i = 0; i < 5; i++) created.push(await createArticle(app.baseUrl, writer, `Quick ${i}`));
      // One second for all five, milliseconds in another order than the ids: only the milliseconds
      // can put them in this order (a store that dropped them would fall back on the ids).
      const second = Date.UTC(2026, 0, 1, 12, 0, 0);
      const millis = [300, 100, 500, 200, 400];
      const articles = app.app.get(DataSource).getRepository(ArticleEntity);
      for (const [i, article] of created.entries()) await articles.update({ slug: article.slug }, { createdAt: new Date(second + millis[i]) });

      const res = await api().get(`/api/articles?author=${writer.username}`).expect(200);
      expect(slugs(res)).toEqual([2, 4, 0, 3, 1].map((i) => created[i].slug));
      // What the store gives back is what was written, to the millisecond.
      expect(res.body.articles.map((article: Article) => article.createdAt)).toEqual([
        '2026-01-01T12:00:00.500Z',
        '2026-01-01T12:00:00.400Z',
        '2026-01-01T12:00:00.300Z',
        '2026-01-01T12:00:00.200Z',
        '2026-01-01T12:00:00.100Z',
      ]);
    });

    it('answers an offset past the end with an empty page', async () => {
      const res = await api().get('/api/articles?offset=100000').expect(200);
      expect(res.body.articles).toEqual([]);
      expect(res.body.articlesCount).toBeGreaterThan(0);
    });

    it('moves the stream cursor forward on every write', async () => {
      const cursor = async (path: string) => BigInt((await api().get(path).set(as(author)).expect(200)).headers['x-stream-cursor']);
      const before = await cursor('/api/articles');
      const { slug } = await createArticle(app.baseUrl, author, `Cursor ${uid()}`);
      const afterCreate = await cursor(`/api/articles/${slug}`);
      expect(afterCreate).toBeGreaterThan(before);
      await api().post(`/api/articles/${slug}/favorite`).set(as(other)).expect(200);
      expect(await cursor('/api/articles/feed')).toBeGreaterThan(afterCreate);
    });

    it.each([
      ['limit=-1', { limit: ['must be at least 1'] }],
      ['limit=abc', { limit: ['must be an integer'] }],
      ['offset=-5', { offset: ['must be at least 0'] }],
      ['offset=1.5', { offset: ['must be an integer'] }],
      ['limit=1000', { limit: ['must be at most 100'] }],
    ])('rejects the query %s with 422', async (query, errors) => {
      const res = await api().get(`/api/articles?${query}`).expect(422);
      expect(res.body).toEqual({ errors });
    });
  });

  describe('tags', () => {
    it('lists the tags in use, the most used first', async () => {
      const [once, twice, thrice] = [`once_${uid()}`, `twice_${uid()}`, `thrice_${uid()}`];
      await createArticle(app.baseUrl, author, `T1 ${uid()}`, [once, twice, thrice]);
      await createArticle(app.baseUrl, other, `T2 ${uid()}`, [thrice, twice]);
      await createArticle(app.baseUrl, other, `T3 ${uid()}`, [thrice]);
      const { tags } = (await api().get('/api/tags').expect(200)).body as { tags: string[] };
      expect(tags).toEqual(expect.arrayContaining([once, twice, thrice]));
      expect(new Set(tags).size).toBe(tags.length);
      expect(tags.indexOf(thrice)).toBeLessThan(tags.indexOf(twice));
      expect(tags.indexOf(twice)).toBeLessThan(tags.indexOf(once));
    });
  });

  describe('errors outside the handlers', () => {
    it('answers malformed JSON with 400 and oversized bodies with 413, both in the error format', async () => {
      const malformed = await api().post('/api/articles').set(as(author)).set('content-type', 'application/json').send('{"article":').expect(400);
      expect(malformed.body).toEqual({ errors: { body: [expect.any(String)] } });
      const { slug } = await createArticle(app.baseUrl, author, `Big ${uid()}`);
      for (const send of [
        () => post(newArticle('x'.repeat(300 * 1024))),
        () => api().put(`/api/articles/${slug}`).set(as(author)).send({ article: { body: 'x'.repeat(300 * 1024) } }),
        () => api().put('/api/user').set(as(author)).send({ user: { bio: 'x'.repeat(300 * 1024) } }),
      ]) {
        const huge = await send().expect(413);
        expect(huge.body).toEqual({ errors: { body: ['is too large'] } });
      }
    });

    it('refuses a body under the transport limit but over the field limit with 422', async () => {
      const res = await post({ article: { title: 't', description: 'd', body: 'x'.repeat(100_001) } }).expect(422);
      expect(res.body).toEqual({ errors: { body: ['is too long (maximum is 100000 characters)'] } });
    });

    it('answers unknown API routes with a JSON 404', async () => {
      const res = await api().get('/api/nothing-here').expect(404);
      expect(res.body).toEqual({ errors: { path: ['GET /api/nothing-here not found'] } });
    });
  });
});
