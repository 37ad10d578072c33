import * as v from 'valibot';
import type { Article } from './article';
import type { Comment } from './comment';
import { CURSOR_PATTERN } from './cursor';
import { MAX_PRESENCE_NAMES, TYPING_INTERVAL_MS, TYPING_LAPSE_MS } from './protocol';
import { wireObject } from './wire-object.schema';

/**
 * The frames of PROTOCOL.md, defined once. The TypeScript types, the server's parser of client frames,
 * the client's parser of server frames and the AsyncAPI document all come from these schemas; the
 * message of a client frame's field is the `error` answer a client gets when that field is wrong.
 */

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
// A keyed record: the compiler refuses a list that misses or adds an entity.
const LIVE_ENTITIES = Object.keys({ article: 0, comment: 0 } satisfies Record<LiveEntity, 0>) as LiveEntity[];

export const MAX_TOPIC_LENGTH = 512;
const MAX_TOKEN_LENGTH = 8192;

const TOPIC_MESSAGE = 'data.topic must be a non-empty string';
const topic = v.pipe(
  v.string(TOPIC_MESSAGE),
  v.minLength(1, TOPIC_MESSAGE),
  v.maxLength(MAX_TOPIC_LENGTH, `data.topic must be at most ${MAX_TOPIC_LENGTH} characters`),
  v.description('`articles`, `articles/<slug>/comments` or `feed`'),
);
const commentsTopic = v.pipe(topic, v.description('`articles/<slug>/comments`'));

const CURSOR_MESSAGE = 'data.cursor must be a string of decimal digits';
const cursor = v.pipe(v.string(CURSOR_MESSAGE), v.regex(CURSOR_PATTERN, CURSOR_MESSAGE), v.description('Decimal digits; compare as integers (BigInt)'));

// An oversize token gets the same answer as a missing one: its length says nothing useful to the sender.
const TOKEN_MESSAGE = 'data.token must be a non-empty string';
const token = v.pipe(v.string(TOKEN_MESSAGE), v.minLength(1, TOKEN_MESSAGE), v.maxLength(MAX_TOKEN_LENGTH, TOKEN_MESSAGE), v.description('The JWT from /api/users/login'));

const username = v.string();

// The entity's RealWorld JSON as an anonymous reader gets it from REST: the stream only promises an object.
const entity = v.looseObject({}) as unknown as v.GenericSchema<LiveEntities[LiveEntity]>;

const DATA_MESSAGE = 'frame.data must be an object';

/** The `data` of each client frame, by event. */
export const CLIENT_FRAME_DATA = {
  auth: wireObject({ token }, DATA_MESSAGE),
  subscribe: wireObject({ topic, cursor: v.optional(cursor) }, DATA_MESSAGE),
  unsubscribe: wireObject({ topic }, DATA_MESSAGE),
  typing: v.pipe(
    wireObject({ topic: commentsTopic }, DATA_MESSAGE),
    v.description(`After \`auth\`, while subscribed to the topic; relayed at most once every ${TYPING_INTERVAL_MS / 1000} s per socket`),
  ),
};

/** The `data` of each server frame, by event. */
export const SERVER_FRAME_DATA = {
  change: v.object({
    topic,
    cursor,
    type: v.picklist(CHANGE_TYPES),
    entity: v.picklist(LIVE_ENTITIES),
    key: v.pipe(v.string(), v.description('The slug of an article, the id of a comment')),
    data: v.pipe(v.nullable(entity), v.description("The entity's RealWorld JSON as an anonymous reader gets it; null when deleted")),
  }),
  subscribed: v.object({ topic, cursor }),
  unsubscribed: v.object({ topic }),
  authenticated: v.object({ username }),
  reset: v.object({ topic, reason: v.string() }),
  presence: v.pipe(
    v.object({
      topic: commentsTopic,
      readers: v.pipe(v.number(), v.integer(), v.minValue(0), v.description('Sockets subscribed to the topic, on every instance')),
      names: v.pipe(
        v.array(username),
        v.maxLength(MAX_PRESENCE_NAMES),
        v.metadata({ uniqueItems: true }),
        v.description('The signed-in readers who show themselves as reading, sorted; anonymous readers are never named'),
      ),
    }),
    v.description('On subscribe and whenever it changes, at most once a second per topic'),
  ),
  typing: v.pipe(
    v.object({ topic: commentsTopic, username }),
    v.description(`Another reader is writing a comment; lapses after ${TYPING_LAPSE_MS / 1000} s without another`),
  ),
  error: v.object({ code: v.picklist(ERROR_CODES), message: v.string(), event: v.optional(v.string()) }),
};

export type FrameDataSchemas = Record<string, v.GenericSchema>;

/** One `{event, data}` type per entry of a table of data schemas. */
export type FrameOf<Schemas extends FrameDataSchemas> = { [Event in keyof Schemas & string]: { event: Event; data: v.InferOutput<Schemas[Event]> } }[keyof Schemas & string];

export type ClientFrame = FrameOf<typeof CLIENT_FRAME_DATA>;
export type ClientEvent = ClientFrame['event'];
export type AuthFrame = Extract<ClientFrame, { event: 'auth' }>;
export type SubscribeFrame = Extract<ClientFrame, { event: 'subscribe' }>;
export type UnsubscribeFrame = Extract<ClientFrame, { event: 'unsubscribe' }>;
/** The sender is writing a comment on the article of `topic` (a topic with presence it is subscribed to). */
export type TypingFrame = Extract<ClientFrame, { event: 'typing' }>;

export type ServerFrame = FrameOf<typeof SERVER_FRAME_DATA>;
export type ServerEvent = ServerFrame['event'];
type ServerData<Event extends ServerEvent> = v.InferOutput<(typeof SERVER_FRAME_DATA)[Event]>;

export type Change = ServerData<'change'>;
/** Who reads an article now, on every instance of the deployment; `names` are distinct, sorted, at most MAX_PRESENCE_NAMES. */
export type Presence = ServerData<'presence'>;
/** Another reader of `topic` is writing a comment; it lapses after TYPING_LAPSE_MS without another. */
export type TypingNotice = ServerData<'typing'>;
export type ProtocolError = ServerData<'error'>;

export const CLIENT_EVENTS = Object.keys(CLIENT_FRAME_DATA) as ClientEvent[];
export const SERVER_EVENTS = Object.keys(SERVER_FRAME_DATA) as ServerEvent[];
