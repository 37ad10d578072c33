import { AngularNodeAppEngine, createNodeRequestHandler, writeResponseToNodeResponse } from '@angular/ssr/node';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Server-side rendering as a middleware of the API server, which owns the one listener of the origin
 * (`/api`, `/ws`, the static files of `dist/web/browser` and these pages). Nothing here listens.
 *
 * Hosts: `localhost`, `127.0.0.1` and `[::1]` (any port) come from angular.json `security.allowedHosts`;
 * the engine adds the comma-separated hostnames of the `NG_ALLOWED_HOSTS` environment variable. A request
 * for any other host is answered 400, so a forged `Host` cannot make SSR fetch from elsewhere.
 */
const engine = new AngularNodeAppEngine();

export function handleRequest(req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void): void {
  engine
    .handle(req)
    .then((response) => (response ? writeResponseToNodeResponse(response, res) : next()))
    .catch(next);
}

/** Lets `ng serve` and the build's route extraction use the same handler. */
export const reqHandler = createNodeRequestHandler(handleRequest);
