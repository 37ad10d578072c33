/** Wire protocol version 1 (PROTOCOL.md): every frame is one JSON text `{ event, data }`; the frames are in wire-frames.ts. */

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

/** At most this many names in a `presence` frame. */
export const MAX_PRESENCE_NAMES = 20;

/** A client sends `typing` at most this often; the server relays at most one per socket in this time. */
export const TYPING_INTERVAL_MS = 2000;
export const TYPING_LAPSE_MS = 5000;
