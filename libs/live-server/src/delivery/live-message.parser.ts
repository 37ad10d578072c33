import { parseClientFrame, type ProtocolError } from '@conduit/contract';

/**
 * The pseudo-event under which frames that fail validation reach the gateway. It can never come
 * from a client as such: parseClientFrame rejects any event it does not know, this one included.
 */
export const INVALID_FRAME_EVENT = '#invalid-frame';

export type ParsedMessage = { event: string; data: unknown } | { event: typeof INVALID_FRAME_EVENT; data: ProtocolError };

/** Message parser for Nest's WsAdapter: validates every frame against PROTOCOL.md. */
export function parseLiveMessage(raw: unknown): ParsedMessage {
  const parsed = parseClientFrame(String(raw));
  return parsed.ok ? parsed.frame : { event: INVALID_FRAME_EVENT, data: parsed.error };
}
