import {
  CLIENT_EVENTS,
  CLIENT_FRAME_DATA,
  CloseCode,
  LIVE_PATH,
  MAX_FRAME_BYTES,
  SERVER_EVENTS,
  SERVER_FRAME_DATA,
  type ClientEvent,
  type ServerEvent,
} from '@conduit/contract';
import { toJsonSchema, type ConversionConfig } from '@valibot/to-json-schema';
import * as v from 'valibot';

type Schema = Record<string, unknown>;

const CONVERSION: ConversionConfig = {
  // An object schema drops the fields it does not name, so what it lets through has no others.
  overrideSchema: ({ valibotSchema, jsonSchema }) => (valibotSchema.type === 'object' ? { ...jsonSchema, additionalProperties: false } : undefined),
};

/** An event both sides send (`typing`) is one message whose data is either side's. */
function dataOf(event: string): v.GenericSchema {
  const sides = [CLIENT_FRAME_DATA[event as ClientEvent], SERVER_FRAME_DATA[event as ServerEvent]].filter((schema) => schema !== undefined);
  return sides.length === 1 ? sides[0] : v.union(sides);
}

function message(event: string): Schema {
  const { $schema: _draft, ...payload } = toJsonSchema(v.object({ event: v.literal(event), data: dataOf(event) }), CONVERSION);
  return { name: event, title: event, contentType: 'application/json', payload };
}

/**
 * The AsyncAPI 3 description of `/ws`, its payloads generated from the contract's frame schemas
 * (libs/contract/src/wire-frames.ts), so it changes with them; test/ops/api-docs.e2e-spec.ts checks it
 * against PROTOCOL.md.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const messages = Object.fromEntries([...new Set([...CLIENT_EVENTS, ...SERVER_EVENTS])].map((event) => [event, message(event)]));
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
