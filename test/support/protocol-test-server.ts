import type { ClientFrame, ServerFrame } from '@conduit/contract';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { AsyncQueue } from './async-queue';

/** One socket accepted by the test server, with the frames the client sent on it. */
export class TestConnection {
  private readonly frames = new AsyncQueue<ClientFrame>();
  readonly closed: Promise<number>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as ClientFrame));
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  nextFrame(): Promise<ClientFrame> {
    return this.frames.next();
  }

  send(frame: ServerFrame): void {
    this.socket.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.socket.send(text);
  }
}

/** A real `ws` server on an ephemeral port that lets a test script the server side of PROTOCOL.md. */
export class ProtocolTestServer {
  private readonly connections = new AsyncQueue<TestConnection>();

  private constructor(private readonly server: WebSocketServer) {
    server.on('connection', (socket) => this.connections.push(new TestConnection(socket)));
  }

  static start(): Promise<ProtocolTestServer> {
    return new Promise((resolve, reject) => {
      const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      server.once('error', reject);
      server.once('listening', () => resolve(new ProtocolTestServer(server)));
    });
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/ws`;
  }

  nextConnection(): Promise<TestConnection> {
    return this.connections.next();
  }

  /** Connections accepted that no test has taken yet. */
  get untakenConnections(): number {
    return this.connections.pending;
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }
}
