/** One dispatched server-sent event: its type (`message` when none), its data and its id, if any. */
export interface StreamEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Splits a `text/event-stream` body into events, as the WHATWG EventSource parser does for the fields
 * PROTOCOL.md uses (`id`, `event`, `data`; comments are heartbeats). Feed it text as it arrives.
 */
export class EventStreamParser {
  private pending = '';
  private event?: string;
  private id?: string;
  private data: string[] = [];

  constructor(private readonly onEvent: (event: StreamEvent) => void) {}

  push(text: string): void {
    this.pending += text;
    let newline: number;
    while ((newline = this.pending.search(/\r\n|\r|\n/)) >= 0) {
      // A CR that ends the chunk may be the first half of a CRLF.
      if (newline === this.pending.length - 1 && this.pending.endsWith('\r')) return;
      const line = this.pending.slice(0, newline);
      this.pending = this.pending.slice(newline + (this.pending.startsWith('\r\n', newline) ? 2 : 1));
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }

  private dispatch(): void {
    const { event, data, id } = this;
    this.event = undefined;
    this.data = [];
    if (data.length === 0) return;
    this.onEvent({ event: event ?? 'message', data: data.join('\n'), ...(id === undefined ? {} : { id }) });
  }
}
