import request from 'supertest';
import type { Article, ArticleListResponse } from '@conduit/contract';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

const newArticle = (title: string) => ({ article: { title, description: `about ${title}`, body: `# ${title}`, tagList: ['live'] } });

describe.each(availableStores())('articles REST on %s', (store) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(store);
  });
  afterAll(() => app.close());

  it('creates an article with 201 and answers the RealWorld shape', async () => {
    const res = await request(app.baseUrl).post('/api/articles').send(newArticle('How to train your dragon')).expect(201);
    const article = res.body.article as Article;
    expect(article).toEqual({
      slug: 'how-to-train-your-dragon',
      title: 'How to train your dragon',
      description: 'about How to train your dragon',
      body: '# How to train your dragon',
      tagList: ['live'],
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updatedAt: article.createdAt,
      favorited: false,
      favoritesCount: 0,
      author: { username: 'guest', bio: null, image: null, following: false },
    });
  });

  it('gives a second article with the same title its own slug', async () => {
    const first = await request(app.baseUrl).post('/api/articles').send(newArticle('Twice')).expect(201);
    const second = await request(app.baseUrl).post('/api/articles').send(newArticle('Twice')).expect(201);
    expect(first.body.article.slug).toBe('twice');
    expect(second.body.article.slug).toMatch(/^twice-[0-9a-f]{8}$/);
  });

  it('keeps unicode titles readable in the slug', async () => {
    const res = await request(app.baseUrl).post('/api/articles').send(newArticle('Ça marche très bien — 日本語')).expect(201);
    expect(res.body.article.slug).toBe('ca-marche-tres-bien-日本語');
  });

  it('lists newest first without bodies, with limit, offset and the stream cursor header', async () => {
    for (const title of ['Page one', 'Page two', 'Page three']) {
      await request(app.baseUrl).post('/api/articles').send(newArticle(title)).expect(201);
    }
    const res = await request(app.baseUrl).get('/api/articles?limit=2&offset=1').expect(200);
    const list = res.body as ArticleListResponse;
    expect(list.articles.map((a) => a.title)).toEqual(['Page two', 'Page one']);
    expect(list.articles[0]).not.toHaveProperty('body');
    expect(list.articlesCount).toBeGreaterThanOrEqual(3);
    expect(res.headers['x-stream-cursor']).toMatch(/^[1-9]\d*$/);
  });

  it('answers an offset past the end with an empty page', async () => {
    const res = await request(app.baseUrl).get('/api/articles?offset=100000').expect(200);
    expect(res.body.articles).toEqual([]);
    expect(res.body.articlesCount).toBeGreaterThan(0);
  });

  it.each([
    ['a missing wrapper', {}, { article: ["can't be blank"] }],
    ['a blank title', { article: { title: '', description: 'd', body: 'b' } }, { title: ["can't be blank"] }],
    ['a numeric body', { article: { title: 't', description: 'd', body: 42 } }, { body: ['must be a string'] }],
    ['tags that are not strings', { article: { title: 't', description: 'd', body: 'b', tagList: [1] } }, { tagList: ['must be an array of strings'] }],
    ['a title over 255 characters', { article: { title: 'x'.repeat(256), description: 'd', body: 'b' } }, { title: ['is too long (maximum is 255 characters)'] }],
  ])('rejects %s with 422 and field-keyed errors', async (_case, body, errors) => {
    const res = await request(app.baseUrl).post('/api/articles').send(body).expect(422);
    expect(res.body).toEqual({ errors });
  });

  it.each([
    ['limit=-1', { limit: ['must be at least 1'] }],
    ['limit=abc', { limit: ['must be an integer'] }],
    ['offset=-5', { offset: ['must be at least 0'] }],
    ['limit=1000', { limit: ['must be at most 100'] }],
  ])('rejects the query %s with 422', async (query, errors) => {
    const res = await request(app.baseUrl).get(`/api/articles?${query}`).expect(422);
    expect(res.body).toEqual({ errors });
  });

  it('answers malformed JSON with 400 and an oversized body with 413, both in the error format', async () => {
    const malformed = await request(app.baseUrl).post('/api/articles').set('content-type', 'application/json').send('{"article":').expect(400);
    expect(malformed.body.errors.body).toHaveLength(1);
    const huge = await request(app.baseUrl).post('/api/articles').send(newArticle('x'.repeat(300 * 1024))).expect(413);
    expect(huge.body).toEqual({ errors: { body: ['is too large'] } });
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await request(app.baseUrl).get('/api/nothing-here').expect(404);
    expect(res.body).toEqual({ errors: { path: ['GET /api/nothing-here not found'] } });
  });
});
