import { BeforeApplicationShutdown, Inject, Logger, OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayDisconnect,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import {
  CloseCode,
  LIVE_PATH,
  MAX_FRAME_BYTES,
  sessionTokenOf,
  type AuthFrame,
  type ProtocolError,
  type SubscribeFrame,
  type TypingFrame,
  type UnsubscribeFrame,
} from '@conduit/contract';
import { SocketSubscriber } from './socket-subscriber';
import { WriteBatcher } from './write-batcher';
import { LiveHub } from './live-hub.service';
import { INVALID_FRAME_EVENT } from './live-message.parser';
import { DELIVERY_OPTIONS, type DeliveryOptions } from './delivery-options';
import { LogThrottle } from '../log-throttle';
import { isAllowedOrigin, isOwnOrigin } from './origin-policy';
import { PresenceService } from './presence/presence.service';
import { TypingRelay } from './presence/typing-relay.service';
import { SocketsPerAddress } from './sockets-per-address';

/** The `/ws` endpoint of PROTOCOL.md: parses, guards and hands over to the hub. */
// No permessage-deflate: SocketSubscriber writes pre-framed changes beside ws, which needs ws to write in order.
@WebSocketGateway({ path: LIVE_PATH, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LiveGateway.name);
  private readonly warnings = new LogThrottle(this.logger);
  private slowDropCount = 0;
  private protocolErrorCount = 0;
  private readonly connections = new Map<WebSocket, SocketSubscriber>();
  private readonly batcher = new WriteBatcher();
  private pingTimer?: NodeJS.Timeout;

  constructor(
    private readonly hub: LiveHub,
    private readonly presence: PresenceService,
    private readonly typing: TypingRelay,
    /** Shared with the event streams: one cap for both per client address. */
    private readonly perAddress: SocketsPerAddress,
    @Inject(DELIVERY_OPTIONS) private readonly options: DeliveryOptions,
  ) {}

  afterInit(server: WebSocketServer): void {
    // ws consults verifyClient on every upgrade; set here because the allowed origins are config.
    // ws answers synchronously (done is called at once) and emits the connection in the same tick,
    // so the room checked here is taken in handleConnection before any other upgrade is verified.
    server.options.verifyClient = ({ origin, req }, done) => {
      const address = this.options.clientAddress(req);
      if (!isAllowedOrigin(origin, req.headers.host, this.options.allowedOrigins)) {
        this.warnings.warn('origin', `refused a socket from origin ${origin} (${address})`);
        return done(false, 403, 'Forbidden origin');
      }
      if (!this.perAddress.hasRoom(address)) {
        this.warnings.warn('per-address', `refused a socket from ${address}: it holds ${this.options.maxSocketsPerAddress} already`);
        return done(false, 429, 'Too many sockets from this address');
      }
      done(true);
    };
    this.pingTimer = setInterval(() => this.pingAll(), this.options.pingIntervalMs);
    this.pingTimer.unref();
  }

  handleConnection(socket: WebSocket, request: IncomingMessage): void {
    const connection = new SocketSubscriber(socket, request.socket, this.batcher, this.options.maxBufferedBytes, (slow) => this.dropSlow(slow));
    this.connections.set(socket, connection);
    connection.identified = this.identify(connection, request);
    socket.on('pong', () => (connection.missedPongs = 0));
    socket.on('message', () => {
      if (!connection.countFrame(Date.now(), this.options.maxFramesPerSecond)) {
        this.closeForAbuse(connection, 'RATE_LIMITED', `more than ${this.options.maxFramesPerSecond} frames per second`);
      }
    });
    const peer = this.options.clientAddress(request);
    this.perAddress.add(peer);
    socket.once('close', (code: number, reason: Buffer) => {
      this.perAddress.remove(peer);
      this.logger.log(`socket from ${peer} closed with ${code}${reason.length > 0 ? ` (${reason.toString()})` : ''} (${this.connections.size} open)`);
    });
    this.logger.log(`socket opened from ${peer} (${this.connections.size} open)`);
  }

  /** Sockets open now. */
  get openSockets(): number {
    return this.connections.size;
  }

  /** Sockets closed with 1013 since start. */
  get slowDrops(): number {
    return this.slowDropCount;
  }

  /** Invalid frames answered with `error` since start. */
  get protocolErrors(): number {
    return this.protocolErrorCount;
  }

  handleDisconnect(socket: WebSocket): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.connections.delete(socket);
    this.presence.leaveAll(connection);
    this.hub.disconnect(connection);
  }

  @SubscribeMessage('subscribe')
  async onSubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() data: SubscribeFrame['data']): Promise<void> {
    const connection = this.connections.get(socket);
    if (!connection) return;
    await connection.identified;
    await this.hub.subscribe(connection, data.topic, data.cursor);
    this.presence.join(connection, data.topic);
  }

  @SubscribeMessage('unsubscribe')
  onUnsubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() data: UnsubscribeFrame['data']): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    this.presence.leave(connection, data.topic);
    this.hub.unsubscribe(connection, data.topic);
  }

  @SubscribeMessage('auth')
  async onAuth(@ConnectedSocket() socket: WebSocket, @MessageBody() data: AuthFrame['data']): Promise<void> {
    const connection = this.connections.get(socket);
    if (!connection) return;
    await connection.identified;
    await this.hub.authenticate(connection, data.token);
  }

  @SubscribeMessage('typing')
  async onTyping(@ConnectedSocket() socket: WebSocket, @MessageBody() data: TypingFrame['data']): Promise<void> {
    const connection = this.connections.get(socket);
    if (!connection) return;
    await connection.identified;
    this.typing.relay(connection, data.topic);
  }

  @SubscribeMessage(INVALID_FRAME_EVENT)
  onInvalidFrame(@ConnectedSocket() socket: WebSocket, @MessageBody() error: ProtocolError): void {
    const connection = this.connections.get(socket);
    if (!connection) return;
    connection.badFrames += 1;
    this.protocolErrorCount += 1;
    this.warnings.warn('bad-frame', `answered an invalid frame: ${error.message}`);
    if (connection.badFrames > this.options.maxBadFrames) {
      this.closeForAbuse(connection, 'BAD_REQUEST', `more than ${this.options.maxBadFrames} invalid frames`);
      return;
    }
    connection.send({ event: 'error', data: error });
  }

  /** Deploys and restarts: every client is told 1001 and reconnects, resuming from its cursor. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.pingTimer);
    const closed = [...this.connections.values()].map(
      ({ socket }) =>
        new Promise<void>((resolve) => {
          socket.once('close', () => resolve());
          socket.close(CloseCode.GoingAway, 'server restarting');
        }),
    );
    // Clients that do not answer the close within a moment are cut when the server closes.
    await Promise.race([Promise.all(closed), new Promise((resolve) => setTimeout(resolve, 3_000).unref())]);
  }

  onApplicationShutdown(): void {
    clearInterval(this.pingTimer);
  }

  /**
   * A socket opened by a page of this origin speaks for the reader of its session cookie (https pages carry
   * the `__Host-` one); an invalid or expired session is anonymous, as the page's REST calls are. Allowed
   * other origins may read but never as the reader (cross-site WebSocket hijacking). Token clients send
   * `auth` instead. The socket's frames are handled in order, and those that depend on the reader wait
   * for this, so the first `subscribe` to `feed` already finds the reader.
   */
  private async identify(connection: SocketSubscriber, request: IncomingMessage): Promise<void> {
    const origin = request.headers.origin;
    if (!isOwnOrigin(origin, request.headers.host)) return;
    const token = sessionTokenOf(request.headers.cookie, origin!.startsWith('https:'));
    if (!token) return;
    try {
      await this.hub.authenticateSession(connection, token);
    } catch (error) {
      this.logger.error(error);
    }
  }

  private dropSlow(connection: SocketSubscriber): void {
    this.slowDropCount += 1;
    this.warnings.warn('slow', `closing a socket that reads too slowly (over ${this.options.maxBufferedBytes} bytes unsent)`);
    this.presence.leaveAll(connection);
    this.hub.disconnect(connection);
    connection.socket.close(CloseCode.TryAgainLater, 'too slow');
    // It is not reading, so it may never answer the close: give it a few seconds, then cut it.
    setTimeout(() => connection.socket.terminate(), 5_000).unref();
  }

  private closeForAbuse(connection: SocketSubscriber, code: ProtocolError['code'], message: string): void {
    if (!connection.isOpen) return;
    this.warnings.warn(`abuse:${code}`, `closing a socket with 1008: ${message}`);
    connection.send({ event: 'error', data: { code, message } });
    connection.socket.close(CloseCode.PolicyViolation, message);
  }

  private pingAll(): void {
    for (const connection of this.connections.values()) {
      if (connection.missedPongs >= 2) {
        connection.socket.terminate();
        continue;
      }
      connection.missedPongs += 1;
      if (connection.isOpen) connection.socket.ping();
    }
  }
}
