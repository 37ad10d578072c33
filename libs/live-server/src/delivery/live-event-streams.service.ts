import { BadRequestException, BeforeApplicationShutdown, HttpException, HttpStatus, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isCursor, type Cursor } from '@conduit/contract';
import { ChangeStream } from '../stream/change-stream.service';
import { EventStreamConnection } from './event-stream-connection';
import { LiveHub } from './live-hub.service';
import { DELIVERY_OPTIONS, type DeliveryOptions } from './delivery-options';
import { LiveTopics } from './live-topics.service';
import { LogThrottle } from '../log-throttle';
import { SocketsPerAddress } from './sockets-per-address';

/** What a `GET /api/live` asks for, as its controller read it. */
export interface EventStreamRequest {
  topics: readonly string[];
  /** `Last-Event-ID`, else the `cursor` parameter: the stream resumes after it. */
  cursor?: string;
  /** The reader's token (Authorization header or session cookie), already accepted by the REST guard. */
  token?: string;
}

/** The largest query a stream may carry: more topics than a socket may subscribe are refused anyway. */
const MAX_TOPIC_LENGTH = 300;

/**
 * `GET /api/live` (PROTOCOL.md, "Server-sent events"): streams served by the hub exactly as sockets
 * are, with the same topics, authorization, cap per client address and slow-reader rule. Every refusal
 * is an HTTP error before the stream starts; once it has started, the stream only carries changes.
 */
@Injectable()
export class LiveEventStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger(LiveEventStreams.name);
  private readonly warnings = new LogThrottle(this.logger);
  private readonly open = new Set<EventStreamConnection>();
  /** Streams dropped for reading too slowly since start. */
  slowDrops = 0;

  constructor(
    private readonly hub: LiveHub,
    private readonly stream: ChangeStream,
    private readonly topics: LiveTopics,
    private readonly perAddress: SocketsPerAddress,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {}

  get openStreams(): number {
    return this.open.size;
  }

  async serve(request: IncomingMessage, response: ServerResponse, asked: EventStreamRequest): Promise<void> {
    const topics = this.checkTopics(asked.topics, asked.token !== undefined);
    const cursor = this.checkCursor(asked.cursor);
    const address = this.options.clientAddress(request);
    if (!this.perAddress.hasRoom(address)) {
      this.warnings.warn('per-address', `refused an event stream from ${address}: it holds ${this.options.maxSocketsPerAddress} sockets and streams already`);
      throw new HttpException({ errors: { live: [`at most ${this.options.maxSocketsPerAddress} sockets and streams per client address`] } }, HttpStatus.TOO_MANY_REQUESTS);
    }
    // Taken before the first await, so that the check and the count are one step.
    this.perAddress.add(address);
    let from: Cursor;
    try {
      from = cursor ?? (await this.stream.bounds()).head;
    } catch (error) {
      this.perAddress.remove(address);
      throw error;
    }

    const connection = new EventStreamConnection(response, from, this.options.maxBufferedBytes, (slow) => this.dropSlow(slow));
    this.open.add(connection);
    const heartbeat = setInterval(() => connection.heartbeat(), this.options.eventStreamHeartbeatMs);
    response.once('close', () => {
      clearInterval(heartbeat);
      this.open.delete(connection);
      this.perAddress.remove(address);
      this.hub.disconnect(connection);
    });
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      // nginx and the like would hold the stream back to fill their buffers.
      'X-Accel-Buffering': 'no',
    });
    connection.announceCursor();
    try {
      if (asked.token !== undefined) await this.hub.authenticate(connection, asked.token);
      // All subscribed in one step: the hub registers each before its first await, so none can go live
      // (and move the stream's id) before the others are counted (EventStreamConnection).
      await Promise.all(topics.map((topic) => this.hub.subscribe(connection, topic, from)));
    } catch (error) {
      // The status is sent: the stream can only end, and the client reconnects with its Last-Event-ID.
      this.logger.error(`opening an event stream failed: ${String(error)}`);
      connection.end();
      return;
    }
  }

  /** Deploys and restarts: streams end and their clients reconnect with Last-Event-ID. */
  beforeApplicationShutdown(): void {
    for (const connection of this.open) connection.end();
  }

  private checkTopics(asked: readonly string[], signedIn: boolean): string[] {
    const topics = [...new Set(asked)];
    if (topics.length === 0) throw invalid('topic', 'is missing');
    if (topics.length > this.options.maxSubscriptionsPerSocket) throw invalid('topic', `at most ${this.options.maxSubscriptionsPerSocket} topics per stream`);
    for (const topic of topics) {
      if (topic.length > MAX_TOPIC_LENGTH) throw invalid('topic', 'is too long');
      const policy = this.topics.find(topic);
      if (!policy) throw invalid('topic', `unknown topic "${topic}"`);
      if (policy.requiresAuth && !signedIn) throw new UnauthorizedException({ errors: { token: [`is missing: topic "${topic}" needs a signed-in reader`] } });
    }
    return topics;
  }

  private checkCursor(cursor: string | undefined): Cursor | undefined {
    if (cursor === undefined) return undefined;
    if (!isCursor(cursor)) throw invalid('cursor', 'must be a stream cursor (decimal digits)');
    return cursor;
  }

  private dropSlow(connection: EventStreamConnection): void {
    this.slowDrops += 1;
    this.warnings.warn('slow', `dropping an event stream that reads too slowly (over ${this.options.maxBufferedBytes} bytes unsent)`);
    this.hub.disconnect(connection);
    connection.destroy();
  }
}

function invalid(field: string, message: string): BadRequestException {
  return new BadRequestException({ errors: { [field]: [message] } });
}
