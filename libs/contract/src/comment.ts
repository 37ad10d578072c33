import type { Profile } from './article';

/** RealWorld API shapes for comments, as they travel on the wire. */

export interface Comment {
  id: number;
  createdAt: string;
  updatedAt: string;
  body: string;
  author: Profile;
}

export interface CommentResponse {
  comment: Comment;
}

/** Newest first, as the RealWorld reference back ends and front ends show them. */
export interface CommentListResponse {
  comments: Comment[];
}
