import type { Article } from './article';
import type { Comment } from './comment';
import type { Cursor } from './cursor';

/** Wire protocol version 1 (PROTOCOL.md): every frame is one JSON text `{ event, data }`. */

export const LIVE_PATH = '/ws';

/** The server-sent events fallback of the same stream, for clients whose WebSocket is blocked. */
export const LIVE_EVENTS_PATH = '/api/live';

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

/** Runtime lists of the protocol's enumerations: the AsyncAPI document is generated from them. */
export const ERROR_CODES = ['BAD_REQUEST', 'UNAUTHORIZED', 'FORBIDDEN', 'UNKNOWN_TOPIC', 'RATE_LIMITED', 'TOO_MANY_SUBSCRIPTIONS'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const CHANGE_TYPES = ['created', 'updated', 'deleted'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

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

/** The sender is writing a comment on the article of `topic` (a topic with presence it is subscribed to). */
export interface TypingFrame {
  event: 'typing';
  data: { topic: string };
}

export type ClientFrame = AuthFrame | SubscribeFrame | UnsubscribeFrame | TypingFrame;
export type ClientEvent = ClientFrame['event'];
// Keyed records: the compiler refuses a list that misses or adds an event.
export const CLIENT_EVENTS = Object.keys({ auth: 0, subscribe: 0, unsubscribe: 0, typing: 0 } satisfies Record<ClientEvent, 0>) as ClientEvent[];

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

/** At most this many names in a `presence` frame. */
export const MAX_PRESENCE_NAMES = 20;

/** Who reads an article now, on every instance of the deployment. */
export interface Presence {
  topic: string;
  /** Sockets subscribed to `topic`. */
  readers: number;
  /** Usernames of the signed-in readers who let themselves be shown: distinct, sorted, at most MAX_PRESENCE_NAMES. */
  names: string[];
}

export interface PresenceFrame {
  event: 'presence';
  data: Presence;
}

/** Another reader of `topic` is writing a comment; it lapses after TYPING_LAPSE_MS without another. */
export interface TypingNotice {
  topic: string;
  username: string;
}

export interface TypingNoticeFrame {
  event: 'typing';
  data: TypingNotice;
}

/** A client sends `typing` at most this often; the server relays at most one per socket in this time. */
export const TYPING_INTERVAL_MS = 2000;
export const TYPING_LAPSE_MS = 5000;

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
  | PresenceFrame
  | TypingNoticeFrame
  | ErrorFrame;

export const SERVER_EVENTS = Object.keys({ change: 0, subscribed: 0, unsubscribed: 0, authenticated: 0, reset: 0, presence: 0, typing: 0, error: 0 } satisfies Record<ServerFrame['event'], 0>) as ServerFrame['event'][];
