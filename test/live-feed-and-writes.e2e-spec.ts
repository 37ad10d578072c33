import request from 'supertest';
import type { Article } from '@conduit/contract';
import { FrameReader } from './support/frame-reader';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

describe.each(availableStores())('live changes of every article write, and the feed, on %s', (store) => {
  let app: TestApp;
  let author: Account;
  let reader: Account;
  const sockets: FrameReader[] = [];
  const open = async (topic: string, auth?: Account): Promise<FrameReader> => {
    const socket = await FrameReader.open(app.wsUrl);
    sockets.push(socket);
    if (auth) {
      socket.send({ event: 'auth', data: { token: auth.token } });
      expect((await socket.next('authenticated')).data).toEqual({ username: auth.username });
    }
    socket.send({ event: 'subscribe', data: { topic } });
    await socket.next('subscribed');
    return socket;
  };
  const as = (account: Account) => ({ Authorization: `Token ${account.token}` });
  const anonymousGet = async (slug: string): Promise<Article> => (await request(app.baseUrl).get(`/api/articles/${slug}`).expect(200)).body.article;

  beforeAll(async () => {
    app = await startTestApp(store);
    author = await registerUser(app.baseUrl, 'author');
    reader = await registerUser(app.baseUrl, 'reader');
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((socket) => socket.close()));
  });
  afterAll(() => app.close());

  it('sends updated with what an anonymous GET returns after an edit', async () => {
    const article = await createArticle(app.baseUrl, author, 'Edit me');
    const socket = await open('articles');
    await request(app.baseUrl).put(`/api/articles/${article.slug}`).set(as(author)).send({ article: { body: 'edited', tagList: ['x'] } }).expect(200);
    const change = await socket.next('change');
    expect(change.data).toMatchObject({ topic: 'articles', type: 'updated', entity: 'article', key: article.slug });
    expect(change.data.data).toEqual(await anonymousGet(article.slug));
  });

  it('sends updated with the new favorites count on favorite and unfavorite, with anonymous per-reader fields', async () => {
    const article = await createArticle(app.baseUrl, author, 'Like me');
    const socket = await open('articles');
    await request(app.baseUrl).post(`/api/articles/${article.slug}/favorite`).set(as(reader)).expect(200);
    const favorited = await socket.next('change');
    expect(favorited.data).toMatchObject({ type: 'updated', key: article.slug, data: { favoritesCount: 1, favorited: false } });
    await request(app.baseUrl).delete(`/api/articles/${article.slug}/favorite`).set(as(reader)).expect(200);
    const unfavorited = await socket.next('change');
    expect(unfavorited.data).toMatchObject({ type: 'updated', key: article.slug, data: { favoritesCount: 0 } });
  });

  it('sends nothing for a favorite that changes nothing', async () => {
    const article = await createArticle(app.baseUrl, author, 'Like me twice');
    await request(app.baseUrl).post(`/api/articles/${article.slug}/favorite`).set(as(reader)).expect(200);
    const socket = await open('articles');
    await request(app.baseUrl).post(`/api/articles/${article.slug}/favorite`).set(as(reader)).expect(200);
    await socket.barrier();
    expect(socket.changes()).toEqual([]);
  });

  it('sends deleted with null data on delete', async () => {
    const article = await createArticle(app.baseUrl, author, 'Delete me');
    const socket = await open('articles');
    await request(app.baseUrl).delete(`/api/articles/${article.slug}`).set(as(author)).expect(204);
    expect((await socket.next('change')).data).toMatchObject({ type: 'deleted', entity: 'article', key: article.slug, data: null });
  });

  it('refuses the feed before auth', async () => {
    const socket = await FrameReader.open(app.wsUrl);
    sockets.push(socket);
    socket.send({ event: 'subscribe', data: { topic: 'feed' } });
    expect((await socket.next('error')).data).toMatchObject({ code: 'UNAUTHORIZED', event: 'subscribe' });
  });

  it('feeds a reader the articles of the authors they follow, and follows take effect without a reconnect', async () => {
    const followed = await registerUser(app.baseUrl, 'followed');
    const stranger = await registerUser(app.baseUrl, 'stranger');
    const fan = await registerUser(app.baseUrl, 'fan');
    await request(app.baseUrl).post(`/api/profiles/${followed.username}/follow`).set(as(fan)).expect(200);
    const socket = await open('feed', fan);

    const first = await createArticle(app.baseUrl, followed, 'For my followers');
    await createArticle(app.baseUrl, stranger, 'Not for the fan');
    const change = await socket.next('change');
    expect(change.data).toMatchObject({ topic: 'feed', type: 'created', key: first.slug });
    expect(change.data.data).toEqual(first);

    await request(app.baseUrl).post(`/api/profiles/${stranger.username}/follow`).set(as(fan)).expect(200);
    const nowFollowed = await createArticle(app.baseUrl, stranger, 'Now the fan sees me');
    expect((await socket.next('change')).data.key).toBe(nowFollowed.slug);

    await request(app.baseUrl).delete(`/api/profiles/${followed.username}/follow`).set(as(fan)).expect(200);
    await createArticle(app.baseUrl, followed, 'After the unfollow');
    await socket.barrier();
    expect(socket.changes().map((c) => c.key)).toEqual([first.slug, nowFollowed.slug]);
  });

  it('replays the feed from a cursor, filtered to the authors followed', async () => {
    const followed = await registerUser(app.baseUrl, 'followed');
    const stranger = await registerUser(app.baseUrl, 'stranger');
    const fan = await registerUser(app.baseUrl, 'fan');
    await request(app.baseUrl).post(`/api/profiles/${followed.username}/follow`).set(as(fan)).expect(200);
    const feed = await request(app.baseUrl).get('/api/articles/feed').set(as(fan)).expect(200);
    const cursor = feed.headers['x-stream-cursor'] as string;
    const missed = await createArticle(app.baseUrl, followed, 'Missed while away');
    await createArticle(app.baseUrl, stranger, 'Never in the feed');

    const socket = await FrameReader.open(app.wsUrl);
    sockets.push(socket);
    socket.send({ event: 'auth', data: { token: fan.token } });
    await socket.next('authenticated');
    socket.send({ event: 'subscribe', data: { topic: 'feed', cursor } });
    await socket.next('subscribed');
    expect((await socket.next('change')).data).toMatchObject({ topic: 'feed', key: missed.slug });
    await socket.barrier();
    expect(socket.changes()).toHaveLength(1);
  });
});
