import {
  CHANGE_TYPES,
  CLIENT_EVENTS,
  CloseCode,
  ERROR_CODES,
  LIVE_PATH,
  MAX_FRAME_BYTES,
  MAX_PRESENCE_NAMES,
  SERVER_EVENTS,
  type ClientEvent,
  type ServerFrame,
} from '@conduit/contract';

type Schema = Record<string, unknown>;

const cursor: Schema = { type: 'string', pattern: '^(0|[1-9][0-9]{0,29})$', description: 'Decimal digits; compare as integers (BigInt)' };
const topic: Schema = { type: 'string', minLength: 1, maxLength: 512, description: '`articles`, `articles/<slug>/comments` or `feed`' };
const commentsTopic: Schema = { ...topic, description: '`articles/<slug>/comments`' };
const username: Schema = { type: 'string' };
const object = (properties: Record<string, Schema>, required: string[]): Schema => ({ type: 'object', properties, required, additionalProperties: false });

/** The `data` of each frame: one entry per event, so the compiler refuses a missing or extra one. */
const CLIENT_DATA: Record<ClientEvent, Schema> = {
  auth: object({ token: { type: 'string', description: 'The JWT from /api/users/login' } }, ['token']),
  subscribe: object({ topic, cursor }, ['topic']),
  unsubscribe: object({ topic }, ['topic']),
  typing: { ...object({ topic: commentsTopic }, ['topic']), description: 'After `auth`, while subscribed to the topic; relayed at most once every 2 s per socket' },
};

const SERVER_DATA: Record<ServerFrame['event'], Schema> = {
  change: {
    type: 'object',
    required: ['topic', 'cursor', 'type', 'entity', 'key', 'data'],
    properties: {
      topic,
      cursor,
      type: { type: 'string', enum: [...CHANGE_TYPES] },
      entity: { type: 'string', enum: ['article', 'comment'] },
      key: { type: 'string', description: 'The slug of an article, the id of a comment' },
      data: { type: ['object', 'null'], description: "The entity's RealWorld JSON as an anonymous reader gets it; null when deleted" },
    },
  },
  subscribed: object({ topic, cursor }, ['topic', 'cursor']),
  unsubscribed: object({ topic }, ['topic']),
  authenticated: object({ username }, ['username']),
  reset: object({ topic, reason: { type: 'string' } }, ['topic', 'reason']),
  presence: {
    ...object(
      {
        topic: commentsTopic,
        readers: { type: 'integer', minimum: 0, description: 'Sockets subscribed to the topic, on every instance' },
        names: { type: 'array', items: username, uniqueItems: true, maxItems: MAX_PRESENCE_NAMES, description: 'The signed-in readers who show themselves as reading; anonymous readers are never named' },
      },
      ['topic', 'readers', 'names'],
    ),
    description: 'On subscribe and whenever it changes, at most once a second per topic',
  },
  typing: { ...object({ topic: commentsTopic, username }, ['topic', 'username']), description: 'Another reader is writing a comment; lapses after 5 s without another' },
  error: object({ code: { type: 'string', enum: [...ERROR_CODES] }, message: { type: 'string' }, event: { type: 'string' } }, ['code', 'message']),
};

/** An event both sides send (`typing`) is one message whose data is either side's. */
function dataOf(event: string): Schema {
  const sides = [CLIENT_DATA[event as ClientEvent], SERVER_DATA[event as ServerFrame['event']]].filter((schema) => schema !== undefined);
  return sides.length === 1 ? sides[0] : { oneOf: sides };
}

const frame = (event: string, data: Schema): Schema => ({
  name: event,
  title: event,
  contentType: 'application/json',
  payload: object({ event: { type: 'string', const: event }, data }, ['event', 'data']),
});

/**
 * The AsyncAPI 3 description of `/ws`, generated from the contract's event lists and enumerations
 * (libs/contract), so it changes with them; test/ops/api-docs.e2e-spec.ts checks it against PROTOCOL.md.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const messages = Object.fromEntries([...new Set([...CLIENT_EVENTS, ...SERVER_EVENTS])].map((event) => [event, frame(event, dataOf(event))]));
  const refs = (events: readonly string[]) => events.map((event) => ({ $ref: `#/channels/live/messages/${event}` }));
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Conduit Live stream',
      version: '1',
      description:
        `Wire protocol version 1 (PROTOCOL.md). Text frames of at most ${MAX_FRAME_BYTES} bytes, each one JSON object {"event", "data"}. ` +
        `Close codes: ${Object.entries(CloseCode).map(([name, code]) => `${code} ${name}`).join(', ')}.`,
    },
    servers: { self: { host: 'localhost:3000', protocol: 'ws', description: 'The same origin as the pages and /api' } },
    channels: { live: { address: LIVE_PATH, messages } },
    operations: {
      sendClientFrame: { action: 'receive', channel: { $ref: '#/channels/live' }, summary: 'Frames a client sends', messages: refs(CLIENT_EVENTS) },
      sendServerFrame: { action: 'send', channel: { $ref: '#/channels/live' }, summary: 'Frames the server sends', messages: refs(SERVER_EVENTS) },
    },
  };
}
