import type { HttpAdapterHost } from '@nestjs/core';
import type { Express, Request } from 'express';
import type { IncomingMessage } from 'node:http';

/**
 * `req.ip` for a request that never goes through Express: a WebSocket upgrade. It is Express's own
 * getter, on a request made from the app's request prototype, so it follows the app's `trust proxy`
 * (TRUST_PROXY) exactly as the HTTP side's rate limits and logs do. Without an HTTP app (the admin
 * CLI's context) it is the TCP peer.
 */
export function clientAddressOf(http: HttpAdapterHost): (request: IncomingMessage) => string {
  return (request) => {
    const app = http.httpAdapter?.getInstance<Express>();
    const peer = request.socket.remoteAddress ?? 'unknown';
    if (!app) return peer;
    const req = Object.create(app.request, { headers: { value: request.headers }, socket: { value: request.socket }, connection: { value: request.socket } }) as Request;
    return req.ip ?? peer;
  };
}
