import type { CommittedChange } from '../stream/committed-change';
import { encodeTextFrame } from './websocket-frame';

/**
 * A committed change as subscribers get it. Its `change` frame is serialized and framed for the wire
 * once, whatever the number of sockets it goes to; a view that delivers it under another topic name
 * (the feed) gets its own frame, also built once.
 */
export class ChangeFrames {
  /** The frame without its leading `{"event":"change","data":{"topic":<topic>`. */
  private readonly rest: string;
  private ownWireFrame?: Buffer;
  private readonly aliasWireFrames = new Map<string, Buffer>();
  /** Server-sent `change` events by topic, without their `id:` line (EventStreamConnection adds it). */
  private readonly events = new Map<string, string>();

  constructor(readonly change: CommittedChange) {
    // The stored payload is spliced in as raw JSON instead of being parsed and re-serialized.
    this.rest = `,"cursor":"${change.cursor}","type":${JSON.stringify(change.type)},"entity":${JSON.stringify(change.entity)},"key":${JSON.stringify(change.key)},"data":${change.payload ?? 'null'}}}`;
  }

  get cursor(): string {
    return this.change.cursor;
  }

  /** About the bytes of one frame of the change (its data is most of it). */
  get size(): number {
    return this.rest.length;
  }

  /** The WebSocket frame, header included, that subscribers of `topic` get. */
  wireFrameFor(topic: string): Buffer {
    // The change's own topic is asked for once per socket: a field, not a map lookup.
    if (topic === this.change.topic) return (this.ownWireFrame ??= this.encode(topic));
    let frame = this.aliasWireFrames.get(topic);
    if (frame === undefined) {
      frame = this.encode(topic);
      this.aliasWireFrames.set(topic, frame);
    }
    return frame;
  }

  private encode(topic: string): Buffer {
    return encodeTextFrame(Buffer.from(`{"event":"change","data":{"topic":${JSON.stringify(topic)}${this.rest}`));
  }

  /** The server-sent `change` event that subscribers of `topic` get: the data of the WebSocket frame. */
  eventFor(topic: string): string {
    let event = this.events.get(topic);
    if (event === undefined) {
      // `rest` closes the frame's data and then the frame itself: the data is all but that last brace.
      event = `event: change\ndata: {"topic":${JSON.stringify(topic)}${this.rest.slice(0, -1)}\n\n`;
      this.events.set(topic, event);
    }
    return event;
  }
}
