import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { CloseCode } from '@conduit/contract';
import { within } from '../support/api-cluster';
import { FrameReader } from '../support/frame-reader';
import { startServerProcess, type ServerProcess } from '../support/server-process';

/** CPU milliseconds from /proc: a live process's own (utime + stime), or what this process's reaped children used (cutime + cstime). */
const TICK_MS = 10; // USER_HZ is 100 on Linux
function cpuMs(pid: number | 'self', field: 'own' | 'children'): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const [user, system] = field === 'own' ? [fields[11], fields[12]] : [fields[13], fields[14]];
  return (Number(user) + Number(system)) * TICK_MS;
}

const SHUTDOWN_TIMEOUT_MS = 3_000;
/** A failure guard far beyond the deadline, not a measurement: before the deadline existed a stalled client kept the server up for good. */
const EXIT_GUARD_MS = 30_000;

function exitOf(server: ServerProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  // 'close' comes after the exit and after the last of its output has been read.
  return new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
}

/** A client that sent half a request and then nothing: the HTTP server waits for the rest. */
function halfRequest(server: ServerProcess): Promise<Socket> {
  const { port } = new URL(server.baseUrl);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write('GET /api/tags HTTP/1.1\r\nHost: localhost\r\n');
      resolve(socket);
    });
    socket.on('error', () => undefined);
  });
}

/** A browser tab: a socket subscribed to articles. */
async function browserSocket(server: ServerProcess): Promise<FrameReader> {
  const reader = await FrameReader.open(`${server.baseUrl.replace('http', 'ws')}/ws`);
  reader.send({ event: 'subscribe', data: { topic: 'articles', cursor: '0' } });
  await reader.next('subscribed');
  return reader;
}

async function requests(server: ServerProcess, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${server.baseUrl}/api/articles?limit=${1 + (i % 20)}`);
    expect(res.status).toBe(200);
    await res.text();
  }
}

describe('shutdown on SIGTERM (built server)', () => {
  const servers: ServerProcess[] = [];
  const clients: { close(): void }[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    for (const server of servers.splice(0)) await server.stop();
  });

  const start = async (env: Record<string, string>) => {
    const server = await startServerProcess({ SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS), ...env });
    servers.push(server);
    return server;
  };

  it.each(['json', 'pretty'])(
    'with %s logs and its stdout reader gone, exits 0 within the deadline, spending little CPU, browsers and a stalled client attached',
    async (logFormat) => {
      const childrenBefore = cpuMs('self', 'children');
      const server = await start({ LOG_FORMAT: logFormat });
      await requests(server, 5);
      const tab = await browserSocket(server);
      clients.push({ close: () => tab.socket.terminate() });
      const stalled = await halfRequest(server);
      clients.push({ close: () => stalled.destroy() });

      // The reader goes away, as a harness that exits does: every later log line meets a broken pipe.
      const ownBefore = cpuMs(server.child.pid!, 'own');
      server.child.stdout!.destroy();
      server.child.stderr!.destroy();
      await requests(server, 30);
      const exit = exitOf(server);
      server.child.kill('SIGTERM');

      expect(await within(EXIT_GUARD_MS, 'exit after SIGTERM', exit)).toEqual({ code: 0, signal: null });
      expect((await tab.closed).code).toBe(CloseCode.GoingAway);
      // All it used once the reader was gone: 30 requests and the shutdown, a small fraction of a
      // second; the error loop this guards against burnt most of a core until it was killed.
      const usedSinceReaderGone = cpuMs('self', 'children') - childrenBefore - ownBefore;
      expect(usedSinceReaderGone).toBeLessThan(1_500);
    },
    60_000,
  );

  it('with a live reader, tells browsers 1001, ends event streams, logs that it stopped (the logger flushed) and exits 0', async () => {
    const server = await start({ LOG_FORMAT: 'json' });
    const tab = await browserSocket(server);
    clients.push({ close: () => tab.socket.terminate() });
    const events = await fetch(`${server.baseUrl}/api/live?topic=articles`);
    expect(events.status).toBe(200);
    const eventsEnded = events.text();
    const exit = exitOf(server);
    server.child.kill('SIGTERM');

    expect(await within(EXIT_GUARD_MS, 'exit after SIGTERM', exit)).toEqual({ code: 0, signal: null });
    expect((await tab.closed).code).toBe(CloseCode.GoingAway);
    await within(EXIT_GUARD_MS, 'the event stream ends', eventsEnded);
    const lines = server.output().trim().split('\n');
    expect(lines[lines.length - 1]).toContain('stopped cleanly');
  });

  it('past SHUTDOWN_TIMEOUT_MS, cuts a client that never finishes its request, logs it and exits 0', async () => {
    const server = await start({ LOG_FORMAT: 'json' });
    const stalled = await halfRequest(server);
    clients.push({ close: () => stalled.destroy() });
    const exit = exitOf(server);
    server.child.kill('SIGTERM');

    expect(await within(EXIT_GUARD_MS, 'exit after SIGTERM', exit)).toEqual({ code: 0, signal: null });
    const lines = server.output().trim().split('\n');
    expect(lines[lines.length - 1]).toContain(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms`);
  });
});
