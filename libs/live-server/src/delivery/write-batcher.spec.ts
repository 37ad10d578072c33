import { once } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { WriteBatcher } from './write-batcher';

describe('WriteBatcher', () => {
  let batcher: WriteBatcher;
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
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
  const write = (text: string | Buffer) => {
    batcher.beforeWrite(socket);
    socket.write(text);
  };

  // Timers and the clock are driven by the tests, one clock for all of them; I/O and setImmediate stay real.
  beforeAll(() => jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] }));
  afterAll(() => jest.useRealTimers());

  beforeEach(async () => {
    batcher = new WriteBatcher();
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
    // Each test starts after a quiet spell, whatever the batches of the test before it.
    jest.advanceTimersByTime(1000);
  });

  afterEach(async () => {
    socket.destroy();
    server.close();
    await once(server, 'close');
  });

  it('writes the first frame of a turn at once and holds the rest until the turn ends', async () => {
    write('a');
    expect(socket.writableCorked).toBe(0);
    expect(socket.writableLength).toBe(0);
    write('b');
    write('c');
    expect(socket.writableCorked).toBe(1);
    expect(socket.writableLength).toBe(2);
    await nextTurn();
    expect(socket.writableCorked).toBe(0);
    expect(await receivedText(3)).toBe('abc');
  });

  it('holds a whole batch that starts within 10 ms of the previous one, until the 10 ms have passed', async () => {
    write('a');
    await nextTurn();
    jest.advanceTimersByTime(4);
    write('b');
    expect(socket.writableCorked).toBe(1);
    jest.advanceTimersByTime(5);
    expect(socket.writableCorked).toBe(1);
    jest.advanceTimersByTime(1);
    expect(socket.writableCorked).toBe(0);
    expect(await receivedText(2)).toBe('ab');
    // A change after a quiet spell is written at once again.
    jest.advanceTimersByTime(10);
    write('c');
    expect(socket.writableCorked).toBe(0);
    expect(await receivedText(3)).toBe('abc');
  });

  it('lets held frames go once 16 KiB have piled up, without waiting for the batch to end', async () => {
    write('first');
    const chunk = Buffer.alloc(4096, 'x');
    for (let i = 0; i < 4; i++) write(chunk);
    expect(socket.writableLength).toBe(4 * 4096);
    batcher.beforeWrite(socket);
    expect(socket.writableCorked).toBe(1);
    expect(socket.writableLength).toBeLessThan(4 * 4096);
    await nextTurn();
  });
});
