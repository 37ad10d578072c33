/** One dispatched server-sent event, or an `id:`-only block (event ''), as the test saw it. */
export interface StreamEvent {
  event: string;
  id?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
}

/**
 * A `GET /api/live` client that keeps every block it reads, parsed as EventSource would (PROTOCOL.md,
 * "Server-sent events"), and lets a test wait for the next one of a kind.
 */
export class EventStreamReader {
  readonly events: StreamEvent[] = [];
  comments = 0;
  /** The id EventSource would send back as Last-Event-ID. */
  lastEventId: string | undefined;
  readonly ended: Promise<void>;
  private readonly waiters: (() => void)[] = [];
  private position = 0;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    this.ended = this.read().finally(() => this.wake());
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    return new EventStreamReader(response, abort);
  }

  /** The next block of this kind not yet taken; rejects if the stream ends first. */
  async next(event: string): Promise<StreamEvent> {
    for (;;) {
      const index = this.events.findIndex((candidate, at) => at >= this.position && candidate.event === event);
      if (index >= 0) {
        this.position = index + 1;
        return this.events[index];
      }
      if (this.done) throw new Error(`the stream ended before a ${event} event`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** The data of every `change` event read so far. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  changes(): any[] {
    return this.events.filter((event) => event.event === 'change').map((event) => event.data);
  }

  close(): void {
    this.abort.abort();
  }

  private done = false;

  private async read(): Promise<void> {
    if (!this.response.body) return;
    const decoder = new TextDecoder();
    let pending = '';
    let block: { event?: string; id?: string; data: string[] } = { data: [] };
    try {
      for await (const chunk of this.response.body) {
        pending += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (line === '') {
            this.dispatch(block);
            block = { data: [] };
          } else if (line.startsWith(':')) this.comments += 1;
          else {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'data') block.data.push(value);
            else if (field === 'event') block.event = value;
            else if (field === 'id') block.id = value;
          }
          this.wake();
        }
      }
    } catch {
      // Aborted by close(), or the server cut the stream: `ended` settles either way.
    } finally {
      this.done = true;
    }
  }

  private dispatch(block: { event?: string; id?: string; data: string[] }): void {
    if (block.id !== undefined) this.lastEventId = block.id;
    if (block.data.length === 0) {
      if (block.id !== undefined) this.events.push({ event: '', id: block.id });
      return;
    }
    this.events.push({ event: block.event ?? 'message', id: block.id, data: JSON.parse(block.data.join('\n')) });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
