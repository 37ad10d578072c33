import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '@conduit/contract';
import { hydrated, requireBrowser } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser } from '../support/realworld-client';

jest.setTimeout(90_000);

const LIVE = '[data-testid="live-status"][data-status="live"]';
const PREVIEW = '[data-testid="article-preview"]';

/** Every `securitypolicyviolation` the page's document sees, from its first script on. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const seen = ((window as unknown as { cspViolations?: string[] }).cspViolations ??= []);
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    });
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

(requireBrowser() ? describe : describe.skip)('the browser session and the strict CSP, in Chromium (built server)', () => {
  const app = browserSuite();

  it('signs in through the page into an http-only cookie no script can read, runs every page without a CSP violation, stays live, and signs out', async () => {
    const account = await registerUser(app.baseUrl, 'strict');
    const other = await registerUser(app.baseUrl, 'other');
    const article = await createArticle(app.baseUrl, other, 'Read under a strict policy');
    const context = await app.newContext();
    const page = await context.newPage();
    const violations = await recordViolations(page);

    const login = await page.goto(`${app.baseUrl}/login`);
    const csp = login!.headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+';/);
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).not.toContain('unsafe-inline');
    await hydrated(page);
    await page.fill('input[name="email"]', account.email);
    await page.fill('input[name="password"]', 'correct horse battery');
    await page.click('form button[type="submit"]');
    await page.waitForSelector('a.nav-link:has-text("Your Feed")');

    const session = (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE)!;
    expect({ httpOnly: session.httpOnly, sameSite: session.sameSite, path: session.path, secure: session.secure }).toEqual({
      httpOnly: true,
      sameSite: 'Lax',
      path: '/',
      secure: false,
    });
    const readable = await page.evaluate(() => ({
      cookie: document.cookie,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      state: document.getElementById('ng-state')?.textContent ?? '',
      debug: (window as unknown as { __conduit_debug__: { getToken(): string | null } }).__conduit_debug__.getToken(),
    }));
    for (const place of [readable.cookie, readable.local, readable.session, readable.state, String(readable.debug)]) expect(place).not.toContain(session.value);
    expect(readable.debug).toBeNull();

    for (const path of ['/', `/article/${article.slug}`, '/editor', '/settings', `/profile/${account.username}`]) {
      const response = await page.goto(`${app.baseUrl}${path}`);
      expect(response!.headers()['content-security-policy']).not.toContain('unsafe-inline');
      await hydrated(page);
      // The server-rendered signed-in view carries the reader, never the token.
      expect(await page.evaluate(() => document.getElementById('ng-state')?.textContent ?? '')).not.toContain(session.value);
      expect({ path, violations: await violations() }).toEqual({ path, violations: [] });
    }

    await page.goto(`${app.baseUrl}/`);
    await page.waitForSelector(LIVE);
    const fresh = await createArticle(app.baseUrl, other, 'Arrives live under the strict policy');
    await page.waitForSelector(`${PREVIEW}[data-slug="${fresh.slug}"]`);
    expect(await violations()).toEqual([]);

    await page.goto(`${app.baseUrl}/settings`);
    await hydrated(page);
    await page.click('button.btn-outline-danger:has-text("Or click here to logout")');
    await page.waitForSelector('a.nav-link:has-text("Sign in")');
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
    const asReader = await page.evaluate(async () => (await fetch('/api/user')).status);
    expect(asReader).toBe(401);
  });
});
