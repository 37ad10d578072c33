import type { ServerFrame } from '@conduit/contract';

const SERVER_EVENTS: ReadonlySet<string> = new Set<ServerFrame['event']>([
  'change',
  'subscribed',
  'unsubscribed',
  'authenticated',
  'reset',
  'presence',
  'typing',
  'error',
]);

/**
 * Reads one text frame from the server. Returns null for anything that is not `{event, data}` with a known
 * event, so one bad frame is skipped instead of erroring the socket's Observable (rxjs would tear it down).
 */
export function parseServerFrame(text: unknown): ServerFrame | null {
  if (typeof text !== 'string') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { event, data } = parsed as Record<string, unknown>;
  if (typeof event !== 'string' || !SERVER_EVENTS.has(event)) return null;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  return parsed as ServerFrame;
}
