import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';
import { TcpProxy } from '../support/tcp-proxy';
import { testDatabaseUrl } from '../support/postgres';

describe.each(availableStores())('health on %s', (store) => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(store);
  });
  afterAll(() => api.close());

  it('answers live without checking anything', async () => {
    const res = await fetch(`${api.baseUrl}/api/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('answers ready when the database answers', async () => {
    const res = await fetch(`${api.baseUrl}/api/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });
});

// Postgres only: a SQLite file cannot be taken away from a running process. The app starts through a
// proxy (the DATABASE_URL it is given points at the proxy), which is then cut: the URL turns wrong.
const postgres = availableStores().includes('postgres');
(postgres ? describe : describe.skip)('health with the database gone (postgres)', () => {
  let proxy: TcpProxy;
  let api: TestApp;

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl);
    proxy = await TcpProxy.start(target.hostname, Number(target.port || 5432));
    const viaProxy = new URL(testDatabaseUrl);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    api = await startTestApp('postgres', { DATABASE_URL: viaProxy.toString() });
  });
  afterAll(async () => {
    proxy.restore();
    await api.close();
    await proxy.close();
  });

  it('stays live but not ready, naming the database, and is ready again once it is back', async () => {
    expect((await fetch(`${api.baseUrl}/api/health/ready`)).status).toBe(200);
    proxy.cut();

    const down = await fetch(`${api.baseUrl}/api/health/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'error', error: { database: { status: 'down' } } });
    expect((await fetch(`${api.baseUrl}/api/health/live`)).status).toBe(200);

    proxy.restore();
    expect((await fetch(`${api.baseUrl}/api/health/ready`)).status).toBe(200);
  });
});
