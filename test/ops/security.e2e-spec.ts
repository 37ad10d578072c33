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
