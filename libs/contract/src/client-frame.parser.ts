import { isCursor } from './cursor';
import type { ClientFrame, ProtocolError } from './protocol';

export type ParsedClientFrame = { ok: true; frame: ClientFrame } | { ok: false; error: ProtocolError };

const MAX_TOPIC_LENGTH = 512;
const MAX_TOKEN_LENGTH = 8192;

type FieldCheck = (data: Record<string, unknown>) => string | null;

const requiredTopic: FieldCheck = ({ topic }) =>
  typeof topic !== 'string' || topic.length === 0
    ? 'data.topic must be a non-empty string'
    : topic.length > MAX_TOPIC_LENGTH
      ? `data.topic must be at most ${MAX_TOPIC_LENGTH} characters`
      : null;

const optionalCursor: FieldCheck = ({ cursor }) =>
  cursor === undefined || isCursor(cursor) ? null : 'data.cursor must be a string of decimal digits';

const requiredToken: FieldCheck = ({ token }) =>
  typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH
    ? 'data.token must be a non-empty string'
    : null;

const CHECKS: Record<ClientFrame['event'], FieldCheck[]> = {
  auth: [requiredToken],
  subscribe: [requiredTopic, optionalCursor],
  unsubscribe: [requiredTopic],
  typing: [requiredTopic],
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badRequest(message: string, event?: string): ParsedClientFrame {
  return { ok: false, error: event ? { code: 'BAD_REQUEST', message, event } : { code: 'BAD_REQUEST', message } };
}

/** Validates one client text frame against PROTOCOL.md; never throws. */
export function parseClientFrame(text: string): ParsedClientFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return badRequest('frame is not valid JSON');
  }
  if (!isPlainObject(parsed)) return badRequest('frame must be a JSON object {"event", "data"}');
  const { event, data } = parsed;
  if (typeof event !== 'string') return badRequest('frame.event must be a string');
  if (!Object.hasOwn(CHECKS, event)) return badRequest(`unknown event "${event.slice(0, 64)}"`, event.slice(0, 64));
  if (!isPlainObject(data)) return badRequest('frame.data must be an object', event);
  for (const check of CHECKS[event as ClientFrame['event']]) {
    const problem = check(data);
    if (problem) return badRequest(problem, event);
  }
  return { ok: true, frame: { event, data } as ClientFrame };
}
