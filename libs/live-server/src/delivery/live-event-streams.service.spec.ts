import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeStream } from '../stream/change-stream.service';
import type { LiveHub } from './live-hub.service';
import { LiveEventStreams } from './live-event-streams.service';
import { DEFAULT_DELIVERY_OPTIONS } from './delivery-options';
import { LiveTopics } from './live-topics.service';
import { SocketsPerAddress } from './sockets-per-address';
import type { Subscriber } from './subscriber';

/** Just what LiveEventStreams writes to: a response that keeps its chunks. */
class RecordedResponse extends EventEmitter {
  readonly chunks: string[] = [];
  writableEnded = false;
  destroyed = false;
  writableLength = 0;
  writableNeedDrain = false;
  writeHead(): this {
    return this;
  }
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.writableEnded = true;
    this.emit('close');
  }
}

describe('LiveEventStreams', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes a comment line every heartbeat period on a quiet stream, and stops once it closes', async () => {
    const options = { ...DEFAULT_DELIVERY_OPTIONS, topics: [{ pattern: 'articles' }] };
    const hub = {
      subscribe: async (subscriber: Subscriber, topic: string) => void subscriber.subscriptions.set(topic, {} as never),
      disconnect: () => undefined,
    };
    const stream = { bounds: async () => ({ floor: '0', head: '5' }) };
    const streams = new LiveEventStreams(hub as unknown as LiveHub, stream as unknown as ChangeStream, new LiveTopics(options), new SocketsPerAddress(0), options);
    const response = new RecordedResponse();
    const request = { socket: { remoteAddress: '127.0.0.1' } } as IncomingMessage;

    await streams.serve(request, response as unknown as ServerResponse, { topics: ['articles'] });
    expect(response.chunks).toEqual(['id: 5\n\n']);
    jest.advanceTimersByTime(options.eventStreamHeartbeatMs);
    jest.advanceTimersByTime(options.eventStreamHeartbeatMs);
    expect(response.chunks).toEqual(['id: 5\n\n', ':\n\n', ':\n\n']);

    response.end();
    jest.advanceTimersByTime(options.eventStreamHeartbeatMs);
    expect(response.chunks).toHaveLength(3);
    expect(streams.openStreams).toBe(0);
  });

  it('keeps the heartbeat within the 15 s PROTOCOL.md promises', () => {
    expect(DEFAULT_DELIVERY_OPTIONS.eventStreamHeartbeatMs).toBeLessThanOrEqual(15_000);
  });
});
