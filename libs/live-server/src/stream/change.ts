import type { ChangeType } from '@conduit/contract';
import type { StreamChangeEntity } from '../capture/stream-change.entity';
import { encodeTextFrame } from '../delivery/websocket-frame';

/** A change as a feature describes it, before it is written and gets its cursor. */
export interface NewChange {
  topic: string;
  type: ChangeType;
  /** `article`, `comment`, or an internal kind on a topic no client can subscribe to. */
  entity: string;
  key: string;
  data: unknown;
  /** Who a filtered view of the topic delivers it to (the author's id, for the feed). */
  audience?: string;
}

export interface WireChange {
  topic: string;
  cursor: string;
  type: ChangeType;
  key: string;
  audience: string | null;
  rest: string;
}

/**
 * A committed change with its cursor. Its `change` frame is serialized and framed for the wire once,
 * whatever the number of sockets it goes to; a view that delivers it under another topic name (the
 * feed) gets its own frame, also built once.
 */
export class StoredChange {
  private readonly aliasWireFrames = new Map<string, Buffer>();
  private wireFrame?: Buffer;
  /** Server-sent `change` events by topic, without their `id:` line (EventStreamConnection adds it). */
  private readonly events = new Map<string, string>();

  constructor(
    readonly topic: string,
    readonly cursor: string,
    readonly type: ChangeType,
    readonly key: string,
    readonly audience: string | null,
    /** The frame without its leading `{"event":"change","data":{"topic":<topic>`. */
    private readonly rest: string,
    readonly frame: string,
  ) {}

  static fromRow(row: StreamChangeEntity): StoredChange {
    const cursor = String(row.id);
    // The stored payload is spliced in as raw JSON instead of being parsed and re-serialized.
    const rest = `,"cursor":"${cursor}","type":${JSON.stringify(row.type)},"entity":${JSON.stringify(row.entity)},"key":${JSON.stringify(row.key)},"data":${row.payload ?? 'null'}}}`;
    return new StoredChange(row.topic, cursor, row.type, row.key, row.audience ?? null, rest, frameHead(row.topic) + rest);
  }

  /** The form that travels between instances on the bus. */
  toWire(): WireChange {
    return { topic: this.topic, cursor: this.cursor, type: this.type, key: this.key, audience: this.audience, rest: this.rest };
  }

  static fromWire(wire: WireChange): StoredChange {
    return new StoredChange(wire.topic, wire.cursor, wire.type, wire.key, wire.audience, wire.rest, frameHead(wire.topic) + wire.rest);
  }

  /** The WebSocket frame, header included, that subscribers of `topic` get. */
  wireFrameFor(topic: string): Buffer {
    if (topic === this.topic) return (this.wireFrame ??= encodeTextFrame(Buffer.from(this.frame)));
    let frame = this.aliasWireFrames.get(topic);
    if (frame === undefined) {
      frame = encodeTextFrame(Buffer.from(frameHead(topic) + this.rest));
      this.aliasWireFrames.set(topic, frame);
    }
    return frame;
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

function frameHead(topic: string): string {
  return `{"event":"change","data":{"topic":${JSON.stringify(topic)}`;
}
