import type { AddressInfo } from 'node:net';

/**
 * The origin of this process's own listener on the loopback interface, which the server-side render
 * fetches its data from: never a name taken from the request (`Host`, `X-Forwarded-Host`, `Forwarded`),
 * so no header can point the render, or a reader's token, at another address.
 */
export function internalOrigin(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') throw new Error('pages are served from a TCP listener only');
  const host = address.address === '::1' ? '[::1]' : '127.0.0.1';
  return `http://${host}:${address.port}`;
}
