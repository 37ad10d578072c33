import request from 'supertest';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';

// PostgreSQL cannot store U+0000 and failed every query that carried one with a 500 (found by the
// fuzz suite); both stores now refuse it before any handler.
describe.each(availableStores())('NUL characters on %s', (store) => {
  let app: TestApp;
  let author: Account;
  let slug: string;

  beforeAll(async () => {
    app = await startTestApp(store);
    author = await registerUser(app.baseUrl, 'nul');
    slug = (await createArticle(app.baseUrl, author, 'Nul fixture')).slug;
  });
  afterAll(() => app.close());

  it.each(['/api/profiles/%00', '/api/articles/a%00b', '/api/articles/%00/comments'])('answers GET %s with 404', async (path) => {
    const res = await request(app.baseUrl).get(path).expect(404);
    expect(res.body).toEqual({ errors: { path: ['names nothing: it holds a NUL character'] } });
  });

  it.each(['tag', 'author', 'favorited'])('refuses a %s filter holding one with 422', async (name) => {
    const res = await request(app.baseUrl).get(`/api/articles?${name}=a%00`).expect(422);
    expect(res.body).toEqual({ errors: { query: ['must not hold NUL characters'] } });
  });

  it('refuses a body holding one with 422, on every write', async () => {
    const writes: [string, string, unknown][] = [
      ['post', '/api/articles', { article: { title: 'x\u0000y', description: 'd', body: 'b', tagList: ['t\u0000'] } }],
      ['post', `/api/articles/${slug}/comments`, { comment: { body: 'x\u0000' } }],
      ['put', '/api/user', { user: { bio: 'x\u0000' } }],
      ['post', '/api/users/login', { user: { email: 'a\u0000@example.com', password: 'correct horse' } }],
    ];
    for (const [method, path, body] of writes) {
      const res = await request(app.baseUrl)[method as 'post' | 'put'](path).set('authorization', `Token ${author.token}`).send(body as object).expect(422);
      expect(res.body).toEqual({ errors: { body: ['must not hold NUL characters'] } });
    }
  });

  it('keeps serving the same routes without one', async () => {
    await request(app.baseUrl).get(`/api/articles/${slug}/comments`).expect(200);
    await request(app.baseUrl).get('/api/articles?tag=a').expect(200);
  });
});
