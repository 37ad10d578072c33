import request from 'supertest';
import { registerUser, type Account } from '../support/realworld-client';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';

const nestedArrays = (depth: number) => `{"user":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const nestedObjects = (depth: number) => `{"user":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

describe.each(availableStores())('hostile bodies and queries on %s', (store) => {
  let app: TestApp;
  let reader: Account;

  beforeAll(async () => {
    app = await startTestApp(store);
    reader = await registerUser(app.baseUrl, 'limits');
  });
  afterAll(() => app.close());

  const api = () => request(app.baseUrl);
  const postJson = (path: string, text: string) => api().post(path).set('content-type', 'application/json').send(text);

  describe('JSON bodies', () => {
    it.each([
      ['1500-deep arrays in 3 KB', nestedArrays(1500)],
      ['1500-deep objects', nestedObjects(1500)],
      ['100,000-deep arrays', nestedArrays(100_000)],
    ])('refuses %s with 422 before validation, on every JSON route', async (_case, text) => {
      for (const path of ['/api/users/login', '/api/users', '/api/articles']) {
        const res = await postJson(path, text).set('authorization', `Token ${reader.token}`).expect(422);
        expect(res.body).toEqual({ errors: { body: ['is nested too deeply (maximum depth is 32)'] } });
      }
    });

    it('accepts a body nested up to the limit, which then meets the usual validation', async () => {
      // The wrapper object is level 1, `user` level 2, its value 30 more.
      const res = await postJson('/api/users/login', `{"user":{"email":${'['.repeat(30)}${']'.repeat(30)},"password":"x"}}`).expect(422);
      expect(res.body).toEqual({ errors: { email: ['must be a string'] } });
    });

    it('answers an oversized body with a JSON 413, however it is sent', async () => {
      const big = JSON.stringify({ user: { email: 'x'.repeat(300 * 1024), password: 'x' } });
      const sized = await postJson('/api/users/login', big).expect(413);
      expect(sized.body).toEqual({ errors: { body: ['is too large'] } });

      // Chunked: no Content-Length to refuse up front, so the parser counts as it reads.
      const chunked = await fetch(`${app.baseUrl}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let i = 0; i < 300; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? '{"user":"' : 'x'.repeat(1024)));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect(await chunked.json()).toEqual({ errors: { body: ['is too large'] } });
    });
  });

  describe('page queries', () => {
    const huge = ['99999999999999999999', '9007199254740992', '1e400'];
    it.each(['/api/articles', '/api/articles/feed'])('refuses offsets and limits outside safe integers on %s with 422', async (path) => {
      for (const value of huge) {
        const offset = await api().get(`${path}?offset=${value}`).set('authorization', `Token ${reader.token}`).expect(422);
        expect(Object.keys(offset.body.errors)).toEqual(['offset']);
        const limit = await api().get(`${path}?limit=${value}`).set('authorization', `Token ${reader.token}`).expect(422);
        expect(Object.keys(limit.body.errors)).toEqual(['limit']);
      }
    });

    it.each([
      ['offset=99999999999999999999', { offset: ['must be at most 9007199254740991'] }],
      ['offset=0x10', { offset: ['must be an integer'] }],
      ['offset=1e3', { offset: ['must be an integer'] }],
      ['offset=', { offset: ['must be an integer'] }],
      ['offset=%201', { offset: ['must be an integer'] }],
      ['offset=1&offset=2', { offset: ['must be an integer'] }],
      ['limit=0x10', { limit: ['must be an integer'] }],
    ])('answers ?%s with 422 and the field-keyed error', async (query, errors) => {
      const res = await api().get(`/api/articles?${query}`).expect(422);
      expect(res.body).toEqual({ errors });
    });

    it('serves the largest safe offset as an empty page', async () => {
      const res = await api().get(`/api/articles?offset=${Number.MAX_SAFE_INTEGER}`).expect(200);
      expect(res.body.articles).toEqual([]);
    });
  });
});
