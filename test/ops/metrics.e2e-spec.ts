import { createServer, type AddressInfo } from 'node:net';
import { MetricsListener } from '../../apps/api/src/metrics/metrics-listener';
import { FrameReader } from '../support/frame-reader';
import { createArticle, registerUser } from '../support/realworld-client';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';

/** The value of one series of a Prometheus text exposition, or undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(availableStores())('metrics on %s', (store) => {
  let api: TestApp;
  let metricsUrl: string;
  const scrape = async () => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    return res.text();
  };

  beforeAll(async () => {
    api = await startTestApp(store);
    metricsUrl = (await api.app.get(MetricsListener).start(await freePort(), '127.0.0.1'))!;
  });
  afterAll(() => api.close());

  it('counts a published change, its fan-out, the open socket and its subscription', async () => {
    const author = await registerUser(api.baseUrl, 'metrics');
    const reader = await FrameReader.open(api.wsUrl);
    reader.send({ event: 'subscribe', data: { topic: 'articles' } });
    await reader.next('subscribed');
    const before = await scrape();

    const article = await createArticle(api.baseUrl, author, 'Counted once');
    await reader.next('change', (frame) => frame.data.key === article.slug);
    const after = await scrape();

    expect(sample(after, 'conduit_changes_published_total')).toBe(sample(before, 'conduit_changes_published_total')! + 1);
    expect(sample(after, 'conduit_live_fanout_duration_seconds_count')).toBe(sample(before, 'conduit_live_fanout_duration_seconds_count')! + 1);
    // The histogram is written by hand (metrics/counted-histogram.ts): its buckets must add up as Prometheus reads them.
    const fanOutCount = sample(after, 'conduit_live_fanout_duration_seconds_count');
    expect(sample(after, 'conduit_live_fanout_duration_seconds_bucket{le="+Inf"}')).toBe(fanOutCount);
    const finiteBefore = sample(before, 'conduit_live_fanout_duration_seconds_bucket{le="0.1"}')!;
    const finiteAfter = sample(after, 'conduit_live_fanout_duration_seconds_bucket{le="0.1"}')!;
    expect(finiteAfter - finiteBefore).toBeGreaterThanOrEqual(0);
    expect(finiteAfter - finiteBefore).toBeLessThanOrEqual(1);
    expect(finiteAfter).toBeLessThanOrEqual(fanOutCount!);
    expect(sample(after, 'conduit_ws_open_sockets')).toBe(1);
    expect(sample(after, 'conduit_ws_subscriptions{topic="articles"}')).toBe(1);
    expect(sample(after, 'conduit_http_request_duration_seconds_count{method="POST",route="/api/articles",status="201"}')).toBe(1);
    await reader.close();
  });

  it('groups comment topics into one series and counts resets and invalid frames', async () => {
    const reader = await FrameReader.open(api.wsUrl);
    const before = await scrape();
    reader.send({ event: 'subscribe', data: { topic: 'articles/one/comments' } });
    reader.send({ event: 'subscribe', data: { topic: 'articles/two/comments' } });
    await reader.next('subscribed', (frame) => frame.data.topic === 'articles/one/comments');
    await reader.next('subscribed', (frame) => frame.data.topic === 'articles/two/comments');
    reader.send({ event: 'subscribe', data: { topic: 'articles', cursor: '999999999' } });
    await reader.next('reset');
    reader.send('not json');
    await reader.next('error');
    const after = await scrape();

    expect(sample(after, 'conduit_ws_subscriptions{topic="articles/{slug}/comments"}')).toBe(2);
    expect(sample(after, 'conduit_ws_resets_total')).toBe(sample(before, 'conduit_ws_resets_total')! + 1);
    expect(sample(after, 'conduit_ws_protocol_errors_total')).toBe(sample(before, 'conduit_ws_protocol_errors_total')! + 1);
    expect(sample(after, 'conduit_ws_slow_drops_total')).toBe(0);
    expect(after).toContain('conduit_ssr_render_duration_seconds');
    expect(after).toContain('conduit_process_resident_memory_bytes');
    await reader.close();
  });

  it('answers with a request id, the caller\'s when it sent one', async () => {
    const own = await fetch(`${api.baseUrl}/api/tags`, { headers: { 'x-request-id': 'trace-42' } });
    expect(own.headers.get('x-request-id')).toBe('trace-42');
    const made = await fetch(`${api.baseUrl}/api/tags`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

// The built app as operators start it: the scrape is on METRICS_PORT, bound to loopback, and not on the app's port.
describe('the metrics listener', () => {
  let server: ServerProcess;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    server = await startServerProcess({ METRICS_PORT: String(metricsPort) });
  });
  afterAll(() => server?.stop());

  it('serves /metrics on METRICS_PORT, on 127.0.0.1, and says so at start-up', async () => {
    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('conduit_process_resident_memory_bytes');
    expect(server.output()).toContain(`metrics: http://127.0.0.1:${metricsPort}/metrics`);
  });

  it('answers nothing but GET /metrics there', async () => {
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/tags`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses to start, naming METRICS_PORT, when that port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      await expect(startServerProcess({ METRICS_PORT: String(port) })).rejects.toThrow(`METRICS_PORT ${port} is in use on 127.0.0.1`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('no longer serves /metrics on the app port', async () => {
    const res = await fetch(`${server.baseUrl}/metrics`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('conduit_');
  });
});
