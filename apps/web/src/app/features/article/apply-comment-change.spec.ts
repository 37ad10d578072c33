import type { Change, Comment } from '@conduit/contract';
import { addOwnComment, applyCommentChange } from './apply-comment-change';

const comment = (id: number, body = `comment ${id}`): Comment => ({
  id, body, createdAt: '', updatedAt: '', author: { username: 'ann', bio: null, image: null, following: false },
});
const change = (type: Change['type'], id: number, data: Comment | null): Change =>
  ({ topic: 'articles/a/comments', cursor: '5', type, entity: 'comment', key: String(id), data });

describe('applyCommentChange', () => {
  it('puts a new comment first and drops one already held (posted by this reader)', () => {
    expect(applyCommentChange([comment(1)], change('created', 2, comment(2))).map((c) => c.id)).toEqual([2, 1]);
    const held = [comment(2), comment(1)];
    expect(applyCommentChange(held, change('created', 2, comment(2)))).toBe(held);
  });

  it('removes a deleted comment, and ignores the deletion of one it never had', () => {
    expect(applyCommentChange([comment(2), comment(1)], change('deleted', 2, null)).map((c) => c.id)).toEqual([1]);
    const held = [comment(1)];
    expect(applyCommentChange(held, change('deleted', 9, null))).toBe(held);
  });

  it('adds its own comment once even when the stream brought it first', () => {
    const streamed = applyCommentChange([], change('created', 3, comment(3)));
    expect(addOwnComment(streamed, comment(3))).toBe(streamed);
    expect(addOwnComment([comment(1)], comment(3)).map((c) => c.id)).toEqual([3, 1]);
  });
});
