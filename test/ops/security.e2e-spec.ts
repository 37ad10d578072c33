import { registerUser, type Account } from '../support/realworld-client';
import { startTestApp, type TestApp } from '../support/test-app';

const json = (body: unknown, token?: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
  body: JSON.stringify(body),
});

describe('security headers and CORS', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp('sqlite', { ALLOWED_ORIGINS: 'https://client.example' });
  });
  afterAll(() => api.close());

  it('sends helmet headers with a CSP that allows nothing from elsewhere but images', async () => {
    const res = await fetch(`${api.baseUrl}/api/tags`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).toMatch(/script-src 'self' '(unsafe-inline|nonce-[A-Za-z0-9+/=]+)'/);
  });

  it('answers a preflight from an allowed origin and exposes the stream cursor', async () => {
    const res = await fetch(`${api.baseUrl}/api/articles`, {
      method: 'OPTIONS',
      headers: { origin: 'https://client.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://client.example');
    const get = await fetch(`${api.baseUrl}/api/articles`, { headers: { origin: 'https://client.example' } });
    expect(get.headers.get('access-control-expose-headers')).toContain('X-Stream-Cursor');
  });

  it('gives no CORS header to any other origin', async () => {
    const res = await fetch(`${api.baseUrl}/api/articles`, { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('rate limits', () => {
  let api: TestApp;
  let author: Account;
  beforeAll(async () => {
    api = await startTestApp('sqlite', { THROTTLE_AUTH_LIMIT: '3', THROTTLE_WRITE_LIMIT: '2', THROTTLE_TTL_SECONDS: '3600' });
    author = await registerUser(api.baseUrl, 'limited'); // the first of 3 auth requests
  });
  afterAll(() => api.close());

  it('limits logins and registrations per address, with Retry-After, and leaves reads alone', async () => {
    const login = () => fetch(`${api.baseUrl}/api/users/login`, json({ user: { email: author.email, password: 'correct horse battery' } }));
    expect((await login()).status).toBe(200);
    expect((await login()).status).toBe(200);
    const refused = await login();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(`${api.baseUrl}/api/tags`)).status).toBe(200);
  });

  it('limits other writes separately', async () => {
    const post = (title: string) => fetch(`${api.baseUrl}/api/articles`, json({ article: { title, description: 'd', body: 'b' } }, author.token));
    expect((await post('one')).status).toBe(201);
    expect((await post('two')).status).toBe(201);
    expect((await post('three')).status).toBe(429);
    expect((await fetch(`${api.baseUrl}/api/articles`)).status).toBe(200);
  });
});

describe('failed logins per account', () => {
  let api: TestApp;
  let victim: Account;
  let other: Account;
  // Each attempt from an address of its own (the test is the trusted proxy), so that only the account limit can refuse.
  let address = 0;
  const login = (email: string, password: string) => {
    const init = json({ user: { email, password } });
    address += 1;
    return fetch(`${api.baseUrl}/api/users/login`, { ...init, headers: { ...(init.headers as Record<string, string>), 'x-forwarded-for': `203.0.113.${address}` } });
  };
  beforeAll(async () => {
    // Two registrations from this test's own address; every login below has its address to itself.
    api = await startTestApp('sqlite', { TRUST_PROXY: 'loopback', THROTTLE_AUTH_LIMIT: '2', LOGIN_FAILURE_LIMIT: '2', LOGIN_FAILURE_WINDOW_SECONDS: '3600' });
    victim = await registerUser(api.baseUrl, 'victim');
    other = await registerUser(api.baseUrl, 'other');
  });
  afterAll(() => api.close());

  it('refuses an email with 429 and Retry-After after LOGIN_FAILURE_LIMIT failures from any addresses, even with the right password, and no other', async () => {
    expect((await login(victim.email, 'wrong one')).status).toBe(401);
    expect((await login(victim.email.toUpperCase(), 'wrong two')).status).toBe(401);
    const refused = await login(victim.email, 'correct horse battery');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toEqual({ errors: { credentials: [expect.stringMatching(/^too many failed logins: try again in \d+ s$/)] } });
    expect((await login(other.email, 'correct horse battery')).status).toBe(200);
  });
});
