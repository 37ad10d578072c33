import type { Article } from './article';
import type { Comment } from './comment';
import type { Cursor } from './cursor';

/** Wire protocol version 1 (PROTOCOL.md): every frame is one JSON text `{ event, data }`. */

export const LIVE_PATH = '/ws';

/** A frame larger than this closes the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  PolicyViolation: 1008,
  MessageTooBig: 1009,
  ServerError: 1011,
  TryAgainLater: 1013,
} as const;

export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'UNKNOWN_TOPIC'
  | 'RATE_LIMITED'
  | 'TOO_MANY_SUBSCRIPTIONS';

export type ChangeType = 'created' | 'updated' | 'deleted';

/** Entities whose changes travel on the stream. */
export interface LiveEntities {
  article: Article;
  comment: Comment;
}

export type LiveEntity = keyof LiveEntities;

export interface AuthFrame {
  event: 'auth';
  data: { token: string };
}

export interface SubscribeFrame {
  event: 'subscribe';
  data: { topic: string; cursor?: Cursor };
}

export interface UnsubscribeFrame {
  event: 'unsubscribe';
  data: { topic: string };
}

export type ClientFrame = AuthFrame | SubscribeFrame | UnsubscribeFrame;
export type ClientEvent = ClientFrame['event'];

export interface Change<E extends LiveEntity = LiveEntity> {
  topic: string;
  cursor: Cursor;
  type: ChangeType;
  entity: E;
  /** The slug of an article, the id of a comment. */
  key: string;
  /** What an anonymous reader gets from REST; null when deleted. */
  data: LiveEntities[E] | null;
}

export interface ChangeFrame {
  event: 'change';
  data: Change;
}

export interface SubscribedFrame {
  event: 'subscribed';
  data: { topic: string; cursor: Cursor };
}

export interface UnsubscribedFrame {
  event: 'unsubscribed';
  data: { topic: string };
}

export interface AuthenticatedFrame {
  event: 'authenticated';
  data: { username: string };
}

export interface ResetFrame {
  event: 'reset';
  data: { topic: string; reason: string };
}

export interface ProtocolError {
  code: ErrorCode;
  message: string;
  event?: string;
}

export interface ErrorFrame {
  event: 'error';
  data: ProtocolError;
}

export type ServerFrame =
  | ChangeFrame
  | SubscribedFrame
  | UnsubscribedFrame
  | AuthenticatedFrame
  | ResetFrame
  | ErrorFrame;
