import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** One frame as RFC 6455 §5.2 lays it out, every bit chosen by the caller, legal or not. */
export interface WireFrame {
  fin: boolean;
  /** RSV1..RSV3 as a 3-bit number; anything but 0 is a protocol error without an extension. */
  rsv: number;
  opcode: number;
  /** Clients must mask; an unmasked client frame is a protocol error. */
  mask: Buffer | null;
  payload: Buffer;
}

export const Opcode = { Continuation: 0x0, Text: 0x1, Binary: 0x2, Close: 0x8, Ping: 0x9, Pong: 0xa } as const;

export function encodeFrame(frame: WireFrame): Buffer {
  const length = frame.payload.length;
  const lengthBytes = length < 126 ? Buffer.alloc(0) : length < 0x10000 ? Buffer.alloc(2) : Buffer.alloc(8);
  if (length >= 0x10000) lengthBytes.writeBigUInt64BE(BigInt(length));
  else if (length >= 126) lengthBytes.writeUInt16BE(length);
  const first = (frame.fin ? 0x80 : 0) | ((frame.rsv & 0x7) << 4) | (frame.opcode & 0xf);
  const second = (frame.mask ? 0x80 : 0) | (length < 126 ? length : length < 0x10000 ? 126 : 127);
  const payload = frame.mask ? frame.payload.map((byte, index) => byte ^ frame.mask![index % 4]) : frame.payload;
  return Buffer.concat([Buffer.from([first, second]), lengthBytes, frame.mask ?? Buffer.alloc(0), payload]);
}

export interface SocketOutcome {
  /** The upgrade's status: 101, or why it was refused. */
  upgradeStatus: number;
  /** Text frames the server sent, as text. */
  texts: string[];
  /** Binary frames the server sent (the protocol has none). */
  binaries: number;
  /** The close code the server sent, 1005 for a close without one, 1006 when the connection ended without a close frame. */
  closeCode: number | undefined;
}

/**
 * A WebSocket client over bare TCP that sends whatever bytes it is given, in the TCP chunks it is
 * given, and records what the server answers. The `ws` package refuses to send most of what a fuzzer
 * needs (bad opcodes, unmasked or reserved-bit frames, half a fragmented message).
 */
export class RawWebSocket {
  readonly outcome: SocketOutcome = { upgradeStatus: 0, texts: [], binaries: 0, closeCode: undefined };
  private pending = Buffer.alloc(0);
  private upgraded = false;
  private closing = false;
  private readonly waiters: (() => void)[] = [];
  private readonly ended: Promise<void>;

  private constructor(private readonly socket: Socket) {
    this.ended = new Promise((resolve) => socket.once('close', () => resolve()));
    this.ended.then(() => {
      if (this.upgraded && !this.closing && this.outcome.closeCode === undefined) this.outcome.closeCode = 1006;
      this.notify();
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => undefined);
  }

  /** Resolves once the server answered the upgrade, with 101 or a refusal. */
  static async open(host: string, port: number, path: string, headers: [string, string][]): Promise<RawWebSocket> {
    const socket = connect({ host, port });
    socket.setNoDelay(true);
    const client = new RawWebSocket(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.once('connect', () => {
        const lines = [`GET ${path} HTTP/1.1`, 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`, 'Sec-WebSocket-Version: 13'];
        socket.write(`${[...lines, ...headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n')}\r\n\r\n`, 'latin1');
      });
      client.until(() => client.outcome.upgradeStatus !== 0 || client.isClosed).then(() => resolve());
    });
    return client;
  }

  get isClosed(): boolean {
    return this.socket.destroyed || this.outcome.closeCode !== undefined;
  }

  /** Writes the bytes in the given chunks, each its own TCP write, so that the server parses partial frames. */
  write(chunks: Buffer[]): void {
    if (this.socket.destroyed) return;
    for (const chunk of chunks) this.socket.write(chunk);
  }

  /** Resolves when the condition holds after a frame arrives, or when the connection has ended. */
  until(condition: () => boolean): Promise<void> {
    if (condition() || this.socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => (condition() || this.socket.destroyed ? resolve() : this.waiters.push(check));
      this.waiters.push(check);
    });
  }

  /** Ends the connection and resolves once it has ended. */
  close(): Promise<void> {
    this.closing = true;
    this.socket.destroy();
    return this.ended;
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private receive(chunk: Buffer): void {
    this.pending = Buffer.concat([this.pending, chunk]);
    if (!this.upgraded) {
      // A refusal is read from its status line alone: Nest's adapter answers a Host it cannot parse
      // with `HTTP/1.1 400\r\n<message>`, a head that never ends.
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(this.pending.toString('latin1'));
      if (status && status[1] !== '101') {
        this.outcome.upgradeStatus = Number(status[1]);
        this.socket.destroy();
        return this.notify();
      }
      const end = this.pending.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.outcome.upgradeStatus = status ? 101 : -1;
      if (!status) {
        this.socket.destroy();
        return this.notify();
      }
      this.upgraded = true;
      this.pending = this.pending.subarray(end + 4);
    }
    this.parseFrames();
    this.notify();
  }

  private parseFrames(): void {
    while (this.pending.length >= 2) {
      const opcode = this.pending[0] & 0x0f;
      let length = this.pending[1] & 0x7f;
      let header = 2;
      if (length === 126) {
        if (this.pending.length < 4) return;
        length = this.pending.readUInt16BE(2);
        header = 4;
      } else if (length === 127) {
        if (this.pending.length < 10) return;
        length = Number(this.pending.readBigUInt64BE(2));
        header = 10;
      }
      if (this.pending.length < header + length) return;
      const payload = this.pending.subarray(header, header + length);
      this.pending = this.pending.subarray(header + length);
      if (opcode === Opcode.Text) this.outcome.texts.push(payload.toString('utf8'));
      else if (opcode === Opcode.Binary) this.outcome.binaries += 1;
      else if (opcode === Opcode.Close) {
        this.outcome.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
        this.socket.destroy();
      }
    }
  }
}
