export { LiveClient, type LiveClientOptions, type WebSocketCtor } from './live-client';
export type { LiveEvent, LiveStatus } from './live-event';
export { backoffDelay, type BackoffOptions } from './backoff';
