import type { Browser } from 'playwright-core';
import { launchBrowser, requireBrowser } from '../support/browser';
import { createArticle, registerUser } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';

jest.setTimeout(60_000);

// The built app (npm run build) in a real Chromium: the pages must pass the CSP the server sends.
(requireBrowser() ? describe : describe.skip)('content security policy of the SSR pages', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it.each(['/', '/article/:slug'])('renders and hydrates %s without a single violation', async (route) => {
    const author = await registerUser(server.baseUrl, 'csp');
    const article = await createArticle(server.baseUrl, author, `Policy ${Date.now()}`);
    const path = route.replace(':slug', article.slug);
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const response = await page.goto(`${server.baseUrl}${path}`, { waitUntil: 'load' });
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    // The critical-CSS loader switches the stylesheet to media=all once its handler is allowed to run.
    await page.waitForFunction(() => [...document.querySelectorAll('link[rel=stylesheet]')].every((link) => (link as HTMLLinkElement).media !== 'print'));
    // Hydration ran: Angular's event replay contract was consumed by the app's own script.
    await page.waitForFunction(() => (window as unknown as { __jsaction_bootstrap?: unknown }).__jsaction_bootstrap !== undefined && document.querySelector('[ng-version]') !== null);
    const inPage = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
    expect([...violations, ...inPage]).toEqual([]);
    await page.close();
  });
});
