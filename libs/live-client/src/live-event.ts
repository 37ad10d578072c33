import type { Change } from '@conduit/contract';

/** What a topic subscription emits: an applied change, or a reset that asks for a new REST snapshot. */
export type LiveEvent =
  | { kind: 'change'; change: Change }
  | { kind: 'reset'; topic: string; reason: string };

/**
 * - `connecting`: the first socket of this client is opening.
 * - `live`: the server confirmed a subscription on the current socket.
 * - `fallback`: live over server-sent events, since sockets cannot be opened: changes and resets only, no
 *   presence or typing.
 * - `reconnecting`: the socket dropped; a new one is pending (backoff) or opening.
 * - `offline`: no socket and none planned: closed with 1008, the network is reported down, or no topic is active.
 */
export type LiveStatus = 'connecting' | 'live' | 'fallback' | 'reconnecting' | 'offline';
