import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { batchWrites } from './write-batching';

describe('batchWrites', () => {
  let server: Server;
  let socket: Socket;
  let received: string;
  let waiting: { length: number; resolve: (text: string) => void } | undefined;

  /** Resolves once the peer has received `length` bytes in all. */
  const receivedText = (length: number) =>
    new Promise<string>((resolve) => {
      if (received.length >= length) resolve(received);
      else waiting = { length, resolve };
    });

  beforeEach(async () => {
    received = '';
    server = createServer((peer) =>
      peer.on('data', (chunk) => {
        received += chunk.toString();
        if (waiting && received.length >= waiting.length) waiting.resolve(received);
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    socket = connect((server.address() as { port: number }).port, '127.0.0.1');
    await once(socket, 'connect');
  });

  afterEach(async () => {
    socket.destroy();
    server.close();
    await once(server, 'close');
  });

  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

  it('writes the first frame of a turn at once and holds the rest until the turn ends', async () => {
    batchWrites(socket);
    socket.write('a');
    expect(socket.writableCorked).toBe(0);
    expect(socket.writableLength).toBe(0);
    batchWrites(socket);
    socket.write('b');
    batchWrites(socket);
    socket.write('c');
    expect(socket.writableCorked).toBe(1);
    expect(socket.writableLength).toBe(2);
    await nextTurn();
    expect(socket.writableCorked).toBe(0);
    // The next turn starts a new batch: its first frame goes out at once again.
    batchWrites(socket);
    socket.write('d');
    expect(socket.writableCorked).toBe(0);
    expect(await receivedText(4)).toBe('abcd');
  });

  it('lets held frames go once 16 KiB have piled up, without waiting for the turn to end', () => {
    batchWrites(socket);
    socket.write('first');
    const chunk = Buffer.alloc(4096, 'x');
    for (let i = 0; i < 4; i++) {
      batchWrites(socket);
      socket.write(chunk);
    }
    expect(socket.writableLength).toBe(4 * 4096);
    batchWrites(socket);
    expect(socket.writableCorked).toBe(1);
    expect(socket.writableLength).toBeLessThan(4 * 4096);
  });
});
