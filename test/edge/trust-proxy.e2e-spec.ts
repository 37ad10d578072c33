import { randomBytes } from 'node:crypto';
import { waitUntil } from '../support/api-cluster';
import { FrameReader } from '../support/frame-reader';
import { rawGet } from '../support/raw-http';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { availableStores } from '../support/stores';
import { startTestApp, type TestApp } from '../support/test-app';

/** A registration (counted against THROTTLE_AUTH_LIMIT per client address) from a claimed client address. */
async function registerFrom(api: TestApp, forwardedFor: string): Promise<number> {
  const username = `proxied_${randomBytes(4).toString('hex')}`;
  const res = await fetch(`${api.baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ user: { username, email: `${username}@example.com`, password: 'correct horse battery' } }),
  });
  await res.text();
  return res.status;
}

describe.each(availableStores())('TRUST_PROXY and the rate limits (%s)', (store) => {
  describe('off (the default)', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp(store, { THROTTLE_AUTH_LIMIT: '2' });
    });
    afterAll(() => api.close());

    it('counts every request against the peer address, whatever X-Forwarded-For claims', async () => {
      expect(await registerFrom(api, '203.0.113.1')).toBe(201);
      expect(await registerFrom(api, '203.0.113.2')).toBe(201);
      expect(await registerFrom(api, '203.0.113.3')).toBe(429);
    });
  });

  describe('trusting the loopback proxy', () => {
    let api: TestApp;
    beforeAll(async () => {
      api = await startTestApp(store, { THROTTLE_AUTH_LIMIT: '2', TRUST_PROXY: 'loopback' });
    });
    afterAll(() => api.close());

    it('counts each client the proxy names on its own', async () => {
      expect(await registerFrom(api, '203.0.113.1')).toBe(201);
      expect(await registerFrom(api, '203.0.113.2')).toBe(201);
      expect(await registerFrom(api, '203.0.113.3')).toBe(201);
      expect(await registerFrom(api, '203.0.113.1')).toBe(201);
      expect(await registerFrom(api, '203.0.113.1')).toBe(429);
    });

    it('takes the host from a trusted X-Forwarded-Host, and still refuses one it does not serve', async () => {
      expect((await rawGet(api.baseUrl, '/api/tags', { 'x-forwarded-host': 'evil.example' })).status).toBe(400);
      expect((await rawGet(api.baseUrl, '/api/tags', { host: 'evil.example', 'x-forwarded-host': 'localhost' })).status).toBe(200);
    });
  });
});

// The built app's log lines (JSON on a pipe): the address logged for a page and for an API call.
describe.each([
  ['off', {}, '127.0.0.1'],
  ['on', { TRUST_PROXY: '1' }, '198.51.100.9'],
])('TRUST_PROXY %s: the logged client address', (_name, env, logged) => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(env);
  });
  afterAll(() => server?.stop());

  // The page's own line, not those of the API calls its render made under its request id (from loopback).
  const lineOf = (id: string, msg: string) => server.logLines().find((line) => line.req?.id === id && line.msg === msg);

  it.each([
    ['/', 'page served'],
    ['/api/tags', 'request completed'],
  ])('%s is logged under the address TRUST_PROXY allows', async (path, msg) => {
    const id = `xff-${randomBytes(4).toString('hex')}`;
    await rawGet(server.baseUrl, path, { 'x-forwarded-for': '198.51.100.9', 'x-request-id': id });
    await waitUntil(() => lineOf(id, msg) !== undefined, 10_000, () => `no "${msg}" line for ${id}:\n${server.output().slice(-2000)}`);
    expect(lineOf(id, msg)!.req!.remoteAddress?.replace(/^::ffff:/, '')).toBe(logged);
  });
});

/** Opens a socket that claims `forwardedFor`: the HTTP status its upgrade was refused with, or 101. */
async function upgradeStatus(api: TestApp, forwardedFor: string, readers: FrameReader[]): Promise<number> {
  try {
    readers.push(await FrameReader.open(api.wsUrl, { headers: { 'x-forwarded-for': forwardedFor } }));
    return 101;
  } catch (error) {
    return Number(/Unexpected server response: (\d+)/.exec((error as Error).message)?.[1] ?? Number.NaN);
  }
}

describe.each([
  ['off', {}, [101, 429]],
  ['trusting the loopback proxy', { TRUST_PROXY: 'loopback' }, [101, 101]],
])('TRUST_PROXY %s: sockets per client address', (_name, env, statuses) => {
  let api: TestApp;
  const readers: FrameReader[] = [];
  beforeAll(async () => {
    api = await startTestApp('sqlite', { ...env, WS_MAX_SOCKETS_PER_ADDRESS: '1' });
  });
  afterAll(async () => {
    await Promise.all(readers.map((reader) => reader.close()));
    await api.close();
  });

  it('counts sockets under the client address TRUST_PROXY allows', async () => {
    expect([await upgradeStatus(api, '203.0.113.1', readers), await upgradeStatus(api, '203.0.113.2', readers)]).toEqual(statuses);
  });
});
