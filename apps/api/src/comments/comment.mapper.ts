import type { Comment } from '@conduit/contract';
import { toProfile } from '../profiles/profile.mapper';
import type { CommentEntity } from './comment.entity';

/**
 * The RealWorld comment JSON. `entity.author` must be loaded. `following` is the reader's own view of
 * the author; an anonymous reader, and so the live stream, gets false.
 */
export function toComment(entity: CommentEntity, following = false): Comment {
  return {
    id: entity.id,
    createdAt: entity.createdAt.toISOString(),
    updatedAt: entity.updatedAt.toISOString(),
    body: entity.body,
    author: toProfile(entity.author, following),
  };
}
