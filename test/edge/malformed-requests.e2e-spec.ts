import { rawGet } from '../support/raw-http';
import { startServerProcess, type ServerProcess } from '../support/server-process';

// The built app: refused before the router and the SSR engine, so no store is involved.
describe('malformed URLs and hosts', () => {
  let server: ServerProcess;
  const lines = () => server.logLines();

  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it.each([
    ['/%ff', {}, { url: ['is malformed'] }],
    ['/%', {}, { url: ['is malformed'] }],
    ['/article/%ff', {}, { url: ['is malformed'] }],
    ['/profile/%', {}, { url: ['is malformed'] }],
    ['/api/articles/%ff', {}, { url: ['is malformed'] }],
    ['/?tag=%e0%a4%a', {}, { url: ['is malformed'] }],
    ['/', { host: 'localhost:3000@evil.example' }, { host: ['is malformed'] }],
    ['/', { host: 'localhost:99999' }, { host: ['is malformed'] }],
    ['/', { host: '<img src=x>' }, { host: ['is malformed'] }],
    ['/', { 'x-forwarded-host': '<img src=x>' }, { 'x-forwarded-host': ['is malformed'] }],
    ['/api/tags', { 'x-forwarded-host': 'a.example, <img src=x>' }, { 'x-forwarded-host': ['is malformed'] }],
    ['/', { host: 'evil.example' }, { host: ['is not served here'] }],
  ])('GET %s with %j: 400 in the error shape, never rendered', async (path, headers, errors) => {
    const id = `malformed-${Math.random().toString(36).slice(2)}`;
    const answer = await rawGet(server.baseUrl, path, { ...headers, 'x-request-id': id });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ errors });
    expect(lines().filter((line) => line.req?.id === id)).toEqual([]);
  });

  it('keeps answering, and logged no error', async () => {
    expect((await fetch(`${server.baseUrl}/api/health/live`)).status).toBe(200);
    expect((await fetch(`${server.baseUrl}/`)).status).toBe(200);
    expect(lines().filter((line) => line.level >= 50)).toEqual([]);
  });

  it('lets health probes through under any well-formed host: orchestrators use the instance address', async () => {
    expect((await rawGet(server.baseUrl, '/api/health/live', { host: '10.1.2.3:3000' })).status).toBe(200);
    expect((await rawGet(server.baseUrl, '/api/health/live', { host: 'evil.example@10.1.2.3' })).status).toBe(400);
  });
});
