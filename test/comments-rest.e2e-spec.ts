import request from 'supertest';
import { compareCursors, type Article, type Comment, type CommentListResponse } from '@conduit/contract';
import { createArticle, registerUser, type Account } from './support/realworld-client';
import { availableStores } from './support/stores';
import { startTestApp, type TestApp } from './support/test-app';

const ISO_MILLIS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each(availableStores())('comments REST on %s', (store) => {
  let app: TestApp;
  let author: Account;
  let other: Account;
  let article: Article;

  beforeAll(async () => {
    app = await startTestApp(store);
    [author, other] = await Promise.all([registerUser(app.baseUrl, 'author'), registerUser(app.baseUrl, 'other')]);
    article = await createArticle(app.baseUrl, author, 'Talk about it');
  });
  afterAll(() => app.close());

  const api = () => request(app.baseUrl);
  const commentsOf = (slug: string) => `/api/articles/${encodeURIComponent(slug)}/comments`;

  async function postComment(as: Account, body: string, slug = article.slug): Promise<Comment> {
    const res = await api().post(commentsOf(slug)).set('authorization', `Token ${as.token}`).send({ comment: { body } }).expect(201);
    return res.body.comment as Comment;
  }

  async function list(slug = article.slug, as?: Account): Promise<{ comments: Comment[]; cursor: string }> {
    const req = api().get(commentsOf(slug));
    if (as) req.set('authorization', `Token ${as.token}`);
    const res = await req.expect(200);
    return { comments: (res.body as CommentListResponse).comments, cursor: res.headers['x-stream-cursor'] as string };
  }

  describe('POST /api/articles/:slug/comments', () => {
    it('creates a comment with 201 and answers the RealWorld shape', async () => {
      const comment = await postComment(other, 'First!');
      expect(comment).toEqual({
        id: expect.any(Number),
        createdAt: expect.stringMatching(ISO_MILLIS),
        updatedAt: comment.createdAt,
        body: 'First!',
        author: { username: other.username, bio: null, image: null, following: false },
      });
      expect(Number.isInteger(comment.id)).toBe(true);
    });

    it('answers 401 without a token, before validating the body', async () => {
      const res = await api().post(commentsOf(article.slug)).send({ comment: { body: '' } }).expect(401);
      expect(res.body).toEqual({ errors: { token: ['is missing'] } });
    });

    it('answers 404 for an unknown article', async () => {
      const res = await api().post(commentsOf('no-such-article')).set('authorization', `Token ${other.token}`).send({ comment: { body: 'orphan' } }).expect(404);
      expect(res.body).toEqual({ errors: { article: ['not found'] } });
    });

    it.each([
      ['a missing wrapper', {}, { comment: ["can't be blank"] }],
      ['a wrapper that is not an object', { comment: 'hi' }, { comment: ['must be an object'] }],
      ['a missing body', { comment: {} }, { body: ['must be a string'] }],
      ['an empty body', { comment: { body: '' } }, { body: ["can't be blank"] }],
      ['a body of only whitespace', { comment: { body: ' \n\t ' } }, { body: ["can't be blank"] }],
      ['a numeric body', { comment: { body: 42 } }, { body: ['must be a string'] }],
      ['a body over 10,000 characters', { comment: { body: 'x'.repeat(10_001) } }, { body: ['is too long (maximum is 10000 characters)'] }],
    ])('rejects %s with 422 and field-keyed errors', async (_case, body, errors) => {
      const res = await api().post(commentsOf(article.slug)).set('authorization', `Token ${other.token}`).send(body).expect(422);
      expect(res.body).toEqual({ errors });
    });

    it('accepts a body of exactly 10,000 characters', async () => {
      const comment = await postComment(other, 'y'.repeat(10_000));
      expect(comment.body).toHaveLength(10_000);
    });
  });

  describe('GET /api/articles/:slug/comments', () => {
    it('lists the comments of one article newest first, with the stream cursor header', async () => {
      const target = await createArticle(app.baseUrl, author, 'Listed comments');
      const elsewhere = await createArticle(app.baseUrl, author, 'Other comments');
      const before = await list(target.slug);
      expect(before.comments).toEqual([]);
      expect(before.cursor).toMatch(/^\d+$/);

      const first = await postComment(other, 'one', target.slug);
      const second = await postComment(author, 'two', target.slug);
      await postComment(other, 'not here', elsewhere.slug);

      const after = await list(target.slug);
      expect(after.comments).toEqual([second, first]);
      // The header is the stream head read with the snapshot: it moved past the two new comments.
      expect(compareCursors(after.cursor, before.cursor)).toBe(1);
    });

    it("gives a signed-in reader their own view of each author's following", async () => {
      const target = await createArticle(app.baseUrl, author, 'Followed commenters');
      const reader = await registerUser(app.baseUrl, 'reader');
      await api().post(`/api/profiles/${other.username}/follow`).set('authorization', `Token ${reader.token}`).expect(200);
      const byOther = await postComment(other, 'followed', target.slug);
      const byAuthor = await postComment(author, 'not followed', target.slug);

      const seen = await list(target.slug, reader);
      expect(seen.comments.map((c) => [c.id, c.author.following])).toEqual([
        [byAuthor.id, false],
        [byOther.id, true],
      ]);
      const anonymous = await list(target.slug);
      expect(anonymous.comments.every((c) => c.author.following === false)).toBe(true);
    });

    it('answers 404 for an unknown article', async () => {
      const res = await api().get(commentsOf('no-such-article')).expect(404);
      expect(res.body).toEqual({ errors: { article: ['not found'] } });
    });
  });

  describe('DELETE /api/articles/:slug/comments/:id', () => {
    it("deletes the author's comment with 204 and leaves the others", async () => {
      const target = await createArticle(app.baseUrl, author, 'Selective deletion');
      const first = await postComment(other, 'goes away', target.slug);
      const second = await postComment(other, 'stays', target.slug);

      await api().delete(`${commentsOf(target.slug)}/${first.id}`).set('authorization', `Token ${other.token}`).expect(204);
      expect((await list(target.slug)).comments).toEqual([second]);
      // Deleting it again: it is gone.
      const again = await api().delete(`${commentsOf(target.slug)}/${first.id}`).set('authorization', `Token ${other.token}`).expect(404);
      expect(again.body).toEqual({ errors: { comment: ['not found'] } });
    });

    it("answers 403 to someone else than the comment's author, even the article's author, and keeps the comment", async () => {
      const comment = await postComment(other, 'mine');
      const res = await api().delete(`${commentsOf(article.slug)}/${comment.id}`).set('authorization', `Token ${author.token}`).expect(403);
      expect(res.body).toEqual({ errors: { comment: ['forbidden'] } });
      expect((await list()).comments.map((c) => c.id)).toContain(comment.id);
    });

    it('answers 401 without a token', async () => {
      const res = await api().delete(`${commentsOf(article.slug)}/1`).expect(401);
      expect(res.body).toEqual({ errors: { token: ['is missing'] } });
    });

    it('answers 404 article for an unknown article, whatever the id', async () => {
      for (const id of ['99999', '99999999999999999999']) {
        const res = await api().delete(`${commentsOf('no-such-article')}/${id}`).set('authorization', `Token ${other.token}`).expect(404);
        expect(res.body).toEqual({ errors: { article: ['not found'] } });
      }
    });

    it.each([['99999'], ['0'], ['2147483648'], ['99999999999999999999']])('answers 404 comment for the id %s that names no comment', async (id) => {
      const res = await api().delete(`${commentsOf(article.slug)}/${id}`).set('authorization', `Token ${other.token}`).expect(404);
      expect(res.body).toEqual({ errors: { comment: ['not found'] } });
    });

    it("answers 404 comment for another article's comment, and keeps it", async () => {
      const elsewhere = await createArticle(app.baseUrl, author, 'Somewhere else');
      const comment = await postComment(other, 'lives elsewhere', elsewhere.slug);
      const res = await api().delete(`${commentsOf(article.slug)}/${comment.id}`).set('authorization', `Token ${other.token}`).expect(404);
      expect(res.body).toEqual({ errors: { comment: ['not found'] } });
      expect((await list(elsewhere.slug)).comments).toEqual([comment]);
    });

    it.each([['abc'], ['1.5'], ['-1'], ['1e3'], ['0x10'], ['%201']])('answers 422 for the id %s that is not an integer', async (id) => {
      const res = await api().delete(`${commentsOf(article.slug)}/${id}`).set('authorization', `Token ${other.token}`).expect(422);
      expect(res.body).toEqual({ errors: { id: ['must be an integer'] } });
    });
  });

  it('deletes an article together with its comments', async () => {
    const doomed = await createArticle(app.baseUrl, author, 'Doomed with comments');
    await postComment(other, 'going down with the ship', doomed.slug);
    await api().delete(`/api/articles/${doomed.slug}`).set('authorization', `Token ${author.token}`).expect(204);
    const res = await api().get(commentsOf(doomed.slug)).expect(404);
    expect(res.body).toEqual({ errors: { article: ['not found'] } });
  });
});
