import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServerProcess, type ServerProcess } from '../support/server-process';

const browserBuild = join(__dirname, '..', '..', 'dist', 'web', 'browser');

// The built app: the browser build's files come from disk, every other path is a page or the API
// (only a path whose last segment has a dot is looked up on disk).
describe('static files of the browser build', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess();
  });
  afterAll(() => server?.stop());

  it('serves a hashed bundle as immutable, and an unhashed file for an hour', async () => {
    const bundle = readdirSync(browserBuild).find((name) => /^main-[A-Z0-9]{8}\.js$/.test(name))!;
    const hashed = await fetch(`${server.baseUrl}/${bundle}`);
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const icon = await fetch(`${server.baseUrl}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(icon.headers.get('cache-control')).toBe('public, max-age=3600');
  });

  it('renders a path without an extension as a page, and answers the API under /api', async () => {
    const page = await fetch(`${server.baseUrl}/login`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<app-root');
    const tags = await fetch(`${server.baseUrl}/api/tags`);
    expect(await tags.json()).toEqual({ tags: [] });
  });

  it.each(['/..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/main.js%00.css', '/api/../package.json'])('never serves a file from outside the build for %s', async (path) => {
    const res = await fetch(`${server.baseUrl}${path}`);
    const body = await res.text();
    expect(body).not.toContain('"conduit-live"');
    expect(res.headers.get('cache-control') ?? '').not.toContain('immutable');
  });
});
