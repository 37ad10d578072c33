import { connect, type Socket } from 'node:net';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/** One request on a raw connection kept open afterwards; resolves with the response head and the socket. */
function requestKeptOpen(baseUrl: string, path: string): Promise<{ head: string; socket: Socket; answeredAt: number }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolveRequest, reject) => {
    const socket = connect(Number(port), hostname === 'localhost' ? '127.0.0.1' : hostname);
    let received = '';
    socket.once('error', reject);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(received)?.[1];
      if (end >= 0 && length !== undefined && received.length >= end + 4 + Number(length)) {
        resolveRequest({ head: received.slice(0, end + 2), socket, answeredAt: Date.now() });
      }
    });
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

const closed = (socket: Socket) => new Promise<number>((resolveClosed) => socket.once('close', () => resolveClosed(Date.now())));

describe('idle keep-alive connections', () => {
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('are kept 65 s by default, past the 60 s a proxy in front usually keeps its own', async () => {
    server = await startServerProcess();
    const { head, socket } = await requestKeptOpen(server.baseUrl, '/api/tags');
    expect(head).toMatch(/^HTTP\/1\.1 200 /);
    expect(head).toMatch(/\r\nkeep-alive: timeout=65\r\n/i);
    socket.destroy();
  });

  it('are closed by the server once HTTP_KEEP_ALIVE_TIMEOUT_MS has passed, not before', async () => {
    server = await startServerProcess({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500' });
    const { head, socket, answeredAt } = await requestKeptOpen(server.baseUrl, '/api/tags');
    expect(head).toMatch(/\r\nkeep-alive: timeout=1\r\n/i);
    const closedAt = await closed(socket);
    expect(closedAt - answeredAt).toBeGreaterThanOrEqual(1_400);
  });

  it('do not hold up a shutdown: SIGTERM closes them and exits 0', async () => {
    // The longest shutdown allowed: were the idle connection waited for, this test would time out.
    server = await startServerProcess({ SHUTDOWN_TIMEOUT_MS: '600000' });
    const { socket } = await requestKeptOpen(server.baseUrl, '/api/tags');
    const socketClosed = closed(socket);
    const exitCode = await server.stop();
    server = undefined;
    await socketClosed;
    expect(exitCode).toBe(0);
  });

  it('refuses a timeout outside 1 s to 10 min at start-up, naming the variable', async () => {
    for (const value of ['0', '999', '600001', '65s', '-1']) {
      await expect(startServerProcess({ HTTP_KEEP_ALIVE_TIMEOUT_MS: value })).rejects.toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
    }
  });
});
