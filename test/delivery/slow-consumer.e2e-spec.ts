import { performance } from 'node:perf_hooks';
import { LiveGateway } from '@conduit/live-server/testing';
import { FrameReader } from '../support/frame-reader';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { startTestApp, type TestApp } from '../support/test-app';

const FAST_CLIENTS = 5;
const ARTICLES_PER_ROUND = 100;
// Big enough that a client that stops reading fills the loopback socket buffers within a round.
const BODY = 'x'.repeat(90_000);

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)];
}

describe('a client that stops reading', () => {
  let app: TestApp;
  let author: Account;

  beforeAll(async () => {
    app = await startTestApp('sqlite', { WS_MAX_BUFFERED_BYTES: String(64 * 1024) });
    author = await registerUser(app.baseUrl, 'bulk');
  });
  afterAll(() => app.close());

  /** Posts a round of big articles; returns each fast client's latencies from request start to receipt. */
  async function round(fast: FrameReader[], afterEachWrite: () => void = () => undefined): Promise<number[]> {
    const started = new Map<string, number>();
    const latencies: number[] = [];
    const receipts = fast.map(
      (reader) =>
        new Promise<void>((resolve) => {
          let received = 0;
          reader.socket.on('message', (data) => {
            const frame = JSON.parse(String(data));
            if (frame.event !== 'change') return;
            latencies.push(performance.now() - (started.get(frame.data.data.title) ?? performance.now()));
            if (++received === ARTICLES_PER_ROUND) resolve();
          });
        }),
    );
    for (let i = 0; i < ARTICLES_PER_ROUND; i++) {
      const title = `Bulk ${Date.now()} ${i}`;
      started.set(title, performance.now());
      await createArticle(app.baseUrl, author, title, [], BODY);
      afterEachWrite();
    }
    await Promise.all(receipts);
    return latencies;
  }

  async function subscribeAll(count: number): Promise<FrameReader[]> {
    return Promise.all(
      Array.from({ length: count }, async () => {
        const reader = await FrameReader.open(app.wsUrl);
        reader.send({ event: 'subscribe', data: { topic: 'articles' } });
        await reader.next('subscribed');
        return reader;
      }),
    );
  }

  it('is closed with 1013, and every fast client still gets every change', async () => {
    const baselineClients = await subscribeAll(FAST_CLIENTS);
    const baseline = await round(baselineClients);
    await Promise.all(baselineClients.map((reader) => reader.close()));

    const fast = await subscribeAll(FAST_CLIENTS);
    const [stalled] = await subscribeAll(1);
    stalled.socket.pause();
    // The stalled client starts reading again once the server has dropped it: a socket that does not
    // take its close frame within 5 s is cut, and then no client could read a 1013.
    const gateway = app.app.get(LiveGateway);
    const withStalled = await round(fast, () => {
      if (gateway.slowDrops > 0) stalled.socket.resume();
    });

    expect(gateway.slowDrops).toBe(1);
    expect((await stalled.closed).code).toBe(1013);
    for (const reader of fast) expect(reader.changes()).toHaveLength(ARTICLES_PER_ROUND);
    // Printed, not asserted: on a shared machine the latencies say more about the neighbours than about the server.
    process.stdout.write(
      `\n  slow consumer: fast clients' p99 request-to-receipt ${p99(baseline).toFixed(1)} ms without a stalled client, ` +
        `${p99(withStalled).toFixed(1)} ms with one (${FAST_CLIENTS} fast clients, ${ARTICLES_PER_ROUND} changes of ~90 KB)\n`,
    );
    await Promise.all(fast.map((reader) => reader.close()));
  });

  it('is closed with 1013 also when it stops reading during its replay, rather than kept while the changes it waits for pile up', async () => {
    const gateway = app.app.get(LiveGateway);
    const dropsBefore = gateway.slowDrops;
    const from = (await fetch(`${app.baseUrl}/api/articles`)).headers.get('x-stream-cursor')!;
    // More history than the loopback buffers take from a client that does not read: its replay fills
    // them, then waits for a drain that never comes.
    for (let i = 0; i < 80; i++) await createArticle(app.baseUrl, author, `History ${Date.now()} ${i}`, [], BODY);

    const stalled = await FrameReader.open(app.wsUrl);
    stalled.socket.pause();
    stalled.send({ event: 'subscribe', data: { topic: 'articles', cursor: from } });
    // Live writes go on, and the stalled replay would hold each of them (each is over the 64 KiB mark).
    let writes = 0;
    while (gateway.slowDrops === dropsBefore && writes < 40) {
      await createArticle(app.baseUrl, author, `Live ${Date.now()} ${writes}`, [], BODY);
      writes += 1;
    }
    stalled.socket.resume();
    expect(gateway.slowDrops).toBe(dropsBefore + 1);
    expect((await stalled.closed).code).toBe(1013);
  });
});
