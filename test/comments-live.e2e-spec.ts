import request from 'supertest';
import { commentsTopic, compareCursors, type Article, type Comment } from '@conduit/contract';
import { FrameReader } from './support/frame-reader';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

describe.each(availableStores())('live comments topics on %s', (store) => {
  let app: TestApp;
  let author: Account;
  let commenter: Account;
  const readers: FrameReader[] = [];

  const open = async () => {
    const reader = await FrameReader.open(app.wsUrl);
    readers.push(reader);
    return reader;
  };

  /** A socket subscribed to the comments of `slug`, from `cursor` or from now. */
  const subscribe = async (slug: string, cursor?: string) => {
    const reader = await open();
    const topic = commentsTopic(slug);
    reader.send({ event: 'subscribe', data: cursor === undefined ? { topic } : { topic, cursor } });
    await reader.next('subscribed', (frame) => frame.data.topic === topic);
    return reader;
  };

  const postComment = async (slug: string, body: string): Promise<Comment> => {
    const res = await request(app.baseUrl)
      .post(`/api/articles/${encodeURIComponent(slug)}/comments`)
      .set('authorization', `Token ${commenter.token}`)
      .send({ comment: { body } })
      .expect(201);
    return res.body.comment as Comment;
  };

  const deleteComment = (slug: string, id: number) =>
    request(app.baseUrl).delete(`/api/articles/${encodeURIComponent(slug)}/comments/${id}`).set('authorization', `Token ${commenter.token}`).expect(204);

  const snapshot = async (slug: string): Promise<{ comments: Comment[]; cursor: string }> => {
    const res = await request(app.baseUrl).get(`/api/articles/${encodeURIComponent(slug)}/comments`).expect(200);
    return { comments: res.body.comments as Comment[], cursor: res.headers['x-stream-cursor'] as string };
  };

  const newArticle = (title: string): Promise<Article> => createArticle(app.baseUrl, author, title);

  beforeAll(async () => {
    app = await startTestApp(store);
    [author, commenter] = await Promise.all([registerUser(app.baseUrl, 'author'), registerUser(app.baseUrl, 'commenter')]);
    // Someone follows the commenter, so a per-reader `following: true` would show if it leaked.
    await request(app.baseUrl).post(`/api/profiles/${commenter.username}/follow`).set('authorization', `Token ${author.token}`).expect(200);
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => app.close());

  it("sends created with the anonymous reader's comment JSON, then deleted with null data", async () => {
    const article = await newArticle('Live comments');
    const topic = commentsTopic(article.slug);
    const { cursor } = await snapshot(article.slug);
    const reader = await subscribe(article.slug);

    const comment = await postComment(article.slug, 'Hello, live world');
    const created = await reader.next('change');
    expect(created.data).toEqual({ topic, cursor: expect.stringMatching(/^\d+$/), type: 'created', entity: 'comment', key: String(comment.id), data: comment });
    expect(compareCursors(created.data.cursor, cursor)).toBe(1);
    // Exactly what an anonymous REST reader gets, though the author follows the commenter.
    expect((await snapshot(article.slug)).comments).toEqual([created.data.data]);
    expect(comment.author.following).toBe(false);

    await deleteComment(article.slug, comment.id);
    const deleted = await reader.next('change');
    expect(deleted.data).toEqual({ topic, cursor: expect.stringMatching(/^\d+$/), type: 'deleted', entity: 'comment', key: String(comment.id), data: null });
    expect(compareCursors(deleted.data.cursor, created.data.cursor)).toBe(1);
  });

  it('replays the comment changes missed after a snapshot cursor, in order, then goes live', async () => {
    const article = await newArticle('Missed comments');
    const { cursor } = await snapshot(article.slug);
    const first = await postComment(article.slug, 'missed one');
    const second = await postComment(article.slug, 'missed two');
    await deleteComment(article.slug, first.id);

    const reader = await subscribe(article.slug, cursor);
    const replayed = [await reader.next('change'), await reader.next('change'), await reader.next('change')].map((frame) => frame.data);
    expect(replayed.map(({ type, key, data }) => ({ type, key, data }))).toEqual([
      { type: 'created', key: String(first.id), data: first },
      { type: 'created', key: String(second.id), data: second },
      { type: 'deleted', key: String(first.id), data: null },
    ]);

    const live = await postComment(article.slug, 'live after replay');
    expect((await reader.next('change')).data).toMatchObject({ type: 'created', key: String(live.id), data: live });

    await reader.barrier();
    const cursors = reader.changes().map((change) => change.cursor);
    expect(cursors).toHaveLength(4);
    expect([...cursors].sort(compareCursors)).toEqual(cursors);
  });

  it("sends nothing about one article's comments to the subscribers of another's", async () => {
    const [watched, other] = await Promise.all([newArticle('Watched article'), newArticle('Unwatched article')]);
    const bystander = await subscribe(watched.slug);
    const onOther = await subscribe(other.slug);

    const comment = await postComment(other.slug, 'not for the bystander');
    expect((await onOther.next('change')).data.key).toBe(String(comment.id));
    await deleteComment(other.slug, comment.id);
    expect((await onOther.next('change')).data.type).toBe('deleted');

    await bystander.barrier();
    expect(bystander.changes()).toEqual([]);
  });

  it('serves the comments topic of an article with a unicode slug', async () => {
    const article = await newArticle('Ça marche — 日本語');
    expect(article.slug).toMatch(/日本語/);
    const reader = await subscribe(article.slug);
    const comment = await postComment(article.slug, 'unicode topic');
    expect((await reader.next('change')).data).toMatchObject({ topic: commentsTopic(article.slug), key: String(comment.id) });
  });

  it.each([
    ['an extra segment', 'articles/some-slug/comments/extra'],
    ['a missing slug', 'articles//comments'],
    ['two slug segments', 'articles/a/b/comments'],
    ['a singular name', 'articles/some-slug/comment'],
    ['a slug with a space', 'articles/some slug/comments'],
    ['a trailing slash', 'articles/some-slug/comments/'],
    ['no prefix', 'some-slug/comments'],
    ['a slug over 255 characters', `articles/${'a'.repeat(256)}/comments`],
  ])('answers a subscribe to a topic with %s with UNKNOWN_TOPIC', async (_case, topic) => {
    const reader = await open();
    reader.send({ event: 'subscribe', data: { topic } });
    expect((await reader.next('error')).data).toEqual({ code: 'UNKNOWN_TOPIC', message: `unknown topic "${topic}"`, event: 'subscribe' });
  });
});
