import type { FetchFn } from '../../libs/live-client/src/event-stream';
import { AsyncQueue } from './async-queue';

/** One `GET /api/live` the client made, answered 200 by the test, which writes the stream's text. */
export class FakeEventStream {
  private controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly body = new ReadableStream<Uint8Array>({ start: (controller) => (this.controller = controller) });
  readonly aborted: Promise<void>;

  constructor(
    readonly url: URL,
    readonly headers: Record<string, string>,
    signal: AbortSignal,
  ) {
    this.aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  write(text: string): void {
    this.controller.enqueue(new TextEncoder().encode(text));
  }

  end(): void {
    this.controller.close();
  }
}

/** A `fetch` for LiveClient's `eventStreamUrl` that hands every request to the test. */
export class FakeEventStreams {
  private readonly streams = new AsyncQueue<FakeEventStream>();
  requests = 0;

  readonly fetch: FetchFn = async (url, init) => {
    this.requests += 1;
    const stream = new FakeEventStream(new URL(url), (init.headers ?? {}) as Record<string, string>, init.signal!);
    this.streams.push(stream);
    return new Response(stream.body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };

  next(): Promise<FakeEventStream> {
    return this.streams.next();
  }
}
