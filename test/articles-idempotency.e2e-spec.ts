import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Article, ArticleListResponse } from '@conduit/contract';
import { registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

const uid = () => randomBytes(4).toString('hex');
const newArticle = (title: string) => ({ article: { title, description: `about ${title}`, body: `# ${title}`, tagList: ['retry'] } });

describe.each(availableStores())('POST /api/articles with an Idempotency-Key on %s', (store) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(store);
  });
  afterAll(() => app.close());

  const post = (account: Account, body: object, key?: string) => {
    const req = request(app.baseUrl).post('/api/articles').set('authorization', `Token ${account.token}`);
    return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body);
  };
  const articlesBy = async (account: Account) =>
    ((await request(app.baseUrl).get('/api/articles').query({ author: account.username }).expect(200)).body as ArticleListResponse).articles;

  it('answers a repeat with the same 201 article and creates no second one', async () => {
    const author = await registerUser(app.baseUrl, 'retrier');
    const key = randomUUID();
    const first = await post(author, newArticle(`Once ${uid()}`), key).expect(201);
    const repeat = await post(author, newArticle((first.body.article as Article).title), key).expect(201);
    expect(repeat.body).toEqual(first.body);
    expect((await articlesBy(author)).map((article) => article.slug)).toEqual([(first.body.article as Article).slug]);
  });

  it('creates one article when the same request arrives twice at once (a double click)', async () => {
    const author = await registerUser(app.baseUrl, 'clicker');
    const key = randomUUID();
    const body = newArticle(`Double click ${uid()}`);
    const answers = await Promise.all([post(author, body, key), post(author, body, key), post(author, body, key)]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const slugs = new Set(answers.map((answer) => (answer.body.article as Article).slug));
    expect(slugs.size).toBe(1);
    expect(await articlesBy(author)).toHaveLength(1);
  });

  it('keeps the keys of different users apart', async () => {
    const [alice, bob] = [await registerUser(app.baseUrl, 'alice'), await registerUser(app.baseUrl, 'bob')];
    const key = randomUUID();
    const title = `Shared key ${uid()}`;
    const forAlice = await post(alice, newArticle(title), key).expect(201);
    const forBob = await post(bob, newArticle(title), key).expect(201);
    expect((forBob.body.article as Article).author.username).toBe(bob.username);
    expect((forBob.body.article as Article).slug).not.toBe((forAlice.body.article as Article).slug);
    expect(await articlesBy(bob)).toHaveLength(1);
  });

  it('answers 422 when a key comes back with a different article, and creates nothing', async () => {
    const author = await registerUser(app.baseUrl, 'reuser');
    const key = randomUUID();
    await post(author, newArticle(`First ${uid()}`), key).expect(201);
    const res = await post(author, newArticle(`Other ${uid()}`), key).expect(422);
    expect(res.body).toEqual({ errors: { 'Idempotency-Key': ['was already used for another article'] } });
    expect(await articlesBy(author)).toHaveLength(1);
  });

  it('still creates an article per request without a key', async () => {
    const author = await registerUser(app.baseUrl, 'keyless');
    const body = newArticle(`Keyless ${uid()}`);
    await post(author, body).expect(201);
    await post(author, body).expect(201);
    expect(await articlesBy(author)).toHaveLength(2);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(65)],
    ['with a space', 'a key'],
    ['two headers joined', 'one, two'],
    ['markup', '<script>'],
    ['a quote', `it's`],
    ['non-ASCII (as Latin-1 bytes)', 'cl\u00e9'],
  ])('refuses a key that is %s with 422 and creates nothing', async (_case, key) => {
    const author = await registerUser(app.baseUrl, 'hostile');
    const res = await post(author, newArticle(`Hostile ${uid()}`), key).expect(422);
    expect(res.body).toEqual({ errors: { 'Idempotency-Key': ["must be 1 to 64 letters, digits, '.', '_', ':' or '-'"] } });
    expect(await articlesBy(author)).toHaveLength(0);
  });

  it('accepts a key of 64 characters', async () => {
    const author = await registerUser(app.baseUrl, 'longkey');
    await post(author, newArticle(`Long key ${uid()}`), 'k'.repeat(64)).expect(201);
  });
});
