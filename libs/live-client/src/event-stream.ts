import { EventStreamParser, type StreamEvent } from './event-stream.parser';

export type FetchFn = (url: string, init: RequestInit) => Promise<Response>;

export interface EventStreamHandlers {
  /** The server answered 200 and the stream is open. */
  onOpen(): void;
  onEvent(event: StreamEvent): void;
}

/**
 * Reads a `GET /api/live` stream until it ends or `signal` aborts; rejects when the server refuses it
 * (any status but 200). Over fetch rather than EventSource: it runs in Node too (admin `tail --sse`),
 * sends `Authorization` for clients that hold a token, and reconnects when the client says so.
 */
export async function readEventStream(fetchFn: FetchFn, url: string, headers: Record<string, string>, signal: AbortSignal, handlers: EventStreamHandlers): Promise<void> {
  const response = await fetchFn(url, { headers: { accept: 'text/event-stream', ...headers }, signal, credentials: 'same-origin', cache: 'no-store' });
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    throw new Error(`${url} answered ${response.status}`);
  }
  handlers.onOpen();
  const parser = new EventStreamParser((event) => handlers.onEvent(event));
  const decoder = new TextDecoder();
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    parser.push(decoder.decode(value, { stream: true }));
  }
}
