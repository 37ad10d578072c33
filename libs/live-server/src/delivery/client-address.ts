import type { IncomingMessage } from 'node:http';

/**
 * The client address of an upgrade request when no proxy is trusted: the TCP peer. An app behind a
 * proxy passes its own `clientAddress` in the LiveModule options, the one its HTTP side uses for `req.ip`.
 */
export function peerAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}
