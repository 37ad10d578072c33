import type { Change, Comment } from '@conduit/contract';

/**
 * Comments (newest first) after one change of `articles/<slug>/comments`, keyed by id. A comment this reader
 * just posted is already in the list from the REST answer, so its `created` change is dropped by id.
 */
export function applyCommentChange(comments: readonly Comment[], change: Change): readonly Comment[] {
  if (change.entity !== 'comment') return comments;
  const id = Number(change.key);
  const held = comments.some((comment) => comment.id === id);
  if (change.type === 'deleted' || !change.data) return held ? comments.filter((comment) => comment.id !== id) : comments;
  const incoming = change.data as Comment;
  if (!held) return change.type === 'created' ? [incoming, ...comments] : comments;
  if (change.type === 'created') return comments;
  return comments.map((comment) => (comment.id === id ? { ...incoming, author: { ...incoming.author, following: comment.author.following } } : comment));
}

/** Adds a comment from this reader's own REST answer unless the stream brought it first. */
export function addOwnComment(comments: readonly Comment[], comment: Comment): readonly Comment[] {
  return comments.some((held) => held.id === comment.id) ? comments : [comment, ...comments];
}
