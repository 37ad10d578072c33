export { LiveClient, type LiveClientOptions, type WebSocketCtor } from './live-client';
export type { LiveEvent, LiveStatus } from './live-event';
export { backoffDelay, type BackoffOptions } from './backoff';
export { readEventStream, type FetchFn, type EventStreamHandlers } from './event-stream';
export { EventStreamParser, type StreamEvent } from './event-stream.parser';
