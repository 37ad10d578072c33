import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import type { Article } from '@conduit/contract';
import { launchBrowser, requireBrowser } from '../support/browser';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';

jest.setTimeout(60_000);

const LIST = '[data-testid="article-list"]';
const PREVIEW = '[data-testid="article-preview"]';
const statusIs = (status: string) => `[data-testid="live-status"][data-status="${status}"]`;
/** How soon a change committed over REST must show on an open page. */
const LIVE_WITHIN_MS = 2_000;

/** Articles are written by one account per server, registered on first use. */
const authors = new WeakMap<ServerProcess, Promise<Account>>();

async function postArticle(server: ServerProcess, title: string): Promise<Article> {
  if (!authors.has(server)) authors.set(server, registerUser(server.baseUrl, 'writer'));
  return createArticle(server.baseUrl, await authors.get(server)!, title);
}

/** The slugs of the list, top first, as the page shows them now. */
function listedSlugs(page: Page): Promise<string[]> {
  return page.$$eval(`${LIST} ${PREVIEW}`, (items) => items.map((item) => item.getAttribute('data-slug') ?? ''));
}

/** Resolves once `slug` is the first item of the list; fails after `timeout` ms. */
async function waitUntilOnTop(page: Page, slug: string, timeout = LIVE_WITHIN_MS): Promise<void> {
  await page.waitForFunction(
    ([list, item, expected]) => document.querySelector(`${list} ${item}`)?.getAttribute('data-slug') === expected,
    [LIST, PREVIEW, slug] as const,
    { timeout },
  );
}

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('live home page in Chromium (built server)', () => {
  let browser: Browser;
  let server: ServerProcess;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser?.close());

  beforeEach(async () => {
    server = await startServerProcess();
  });
  afterEach(async () => {
    await context?.close();
    context = undefined;
    await server?.stop();
  });

  it('server-renders the seeded articles: the page shows them with JavaScript off', async () => {
    const titles = ['First seeded article', 'Second seeded article', 'Third seeded article'];
    const seeded: Article[] = [];
    for (const title of titles) seeded.push(await postArticle(server, title));

    const html = await (await fetch(`${server.baseUrl}/`)).text();
    for (const title of titles) expect(html).toContain(title);

    context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    const shown = await page.$$eval(`${LIST} ${PREVIEW} .title`, (nodes) => nodes.map((node) => node.textContent?.trim()));
    expect(shown).toEqual([...titles].reverse());
    expect(await listedSlugs(page)).toEqual(seeded.map((article) => article.slug).reverse());
    // Without JavaScript there is no socket: the badge is rendered hidden, never a "Connecting…" that stays.
    expect(await page.locator(statusIs('connecting')).count()).toBe(1);
    expect(await page.locator(statusIs('connecting')).isVisible()).toBe(false);
  });

  it('shows no status on a page that follows nothing, also once its socket is closed for idleness', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const socketClosed = new Promise<void>((resolve) => page.on('websocket', (socket) => socket.on('close', () => resolve())));
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector(statusIs('live'));

    await page.click('a.nav-link[href="/login"]');
    await page.waitForSelector(statusIs('idle'), { state: 'attached' });
    expect(await page.locator(statusIs('idle')).isHidden()).toBe(true);
    // With no topic left, the client closes its socket after a few seconds; the page must not call that "Offline".
    await socketClosed;
    expect(await page.locator('[data-testid="live-status"]').getAttribute('data-status')).toBe('idle');
    expect(await page.locator('[data-testid="live-status"]').isHidden()).toBe(true);
  });

  it('reuses the server-rendered snapshot: no /api/articles request from the browser on first load', async () => {
    await postArticle(server, 'Already here');
    context = await browser.newContext();
    const page = await context.newPage();
    const apiRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/articles')) apiRequests.push(`${request.method()} ${request.url()}`);
    });

    await page.goto(`${server.baseUrl}/`);
    // Live means hydrated and subscribed from the snapshot's cursor: load and hydration are over.
    await page.waitForSelector(statusIs('live'));

    expect(apiRequests).toEqual([]);
    expect(await listedSlugs(page)).toEqual(['already-here']);
  });

  it('shows an article created over REST at the top of the open page, once, without a reload', async () => {
    const seeded = await postArticle(server, 'Seeded before the page opened');
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector(statusIs('live'));
    let navigations = 0;
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await page.evaluate(() => ((window as unknown as { __marker: number }).__marker = 1));

    const created = await postArticle(server, 'Pushed while the page is open');
    await waitUntilOnTop(page, created.slug);

    // Changes arrive in cursor order: once a later article shows, a duplicate of the first would have too.
    const later = await postArticle(server, 'Pushed after that');
    await waitUntilOnTop(page, later.slug);
    expect(await listedSlugs(page)).toEqual([later.slug, created.slug, seeded.slug]);
    expect(await page.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBe(1);
    expect(navigations).toBe(0);
  });

  it('resumes from its cursor after the socket is cut: an article posted while down shows once', async () => {
    const seeded = await postArticle(server, 'Seeded before the cut');
    context = await browser.newContext();
    const page = await context.newPage();

    // Every socket of the page goes through this proxy, so the test can cut it and refuse reconnects.
    let accepting = true;
    let current: { page: WebSocketRoute; server: WebSocketRoute } | null = null;
    let onRefused: () => void = () => undefined;
    const refusedOnce = new Promise<void>((resolve) => (onRefused = resolve));
    await page.routeWebSocket('**/ws', (ws) => {
      if (!accepting) {
        void ws.close({ code: 1011, reason: 'test: server unreachable' });
        onRefused();
        return;
      }
      current = { page: ws, server: ws.connectToServer() };
    });

    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector(statusIs('live'));
    const beforeCut = await postArticle(server, 'Posted while live');
    await waitUntilOnTop(page, beforeCut.slug);

    accepting = false;
    const cut = current!;
    await cut.server.close({ code: 1000 });
    await cut.page.close({ code: 1011, reason: 'test: connection lost' });
    await page.waitForSelector(statusIs('reconnecting'));

    const whileDown = await postArticle(server, 'Posted while down');
    // The client retries by itself (backoff from 0.5 s) and is turned away at least once while down.
    await refusedOnce;
    expect(await page.locator(statusIs('reconnecting')).count()).toBe(1);
    expect(await listedSlugs(page)).toEqual([beforeCut.slug, seeded.slug]);

    accepting = true;
    // The next retry comes after a doubled backoff (about 1 s): wait for the article, not for the time.
    await waitUntilOnTop(page, whileDown.slug, 10_000);
    const resumed = current!;
    expect(resumed).not.toBe(cut);
    await page.waitForSelector(statusIs('live'));

    const afterResume = await postArticle(server, 'Posted after the resume');
    await waitUntilOnTop(page, afterResume.slug);
    expect(await listedSlugs(page)).toEqual([afterResume.slug, whileDown.slug, beforeCut.slug, seeded.slug]);
    expect(await page.locator(`[data-slug="${whileDown.slug}"]`).count()).toBe(1);
  });
});
