import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Article } from '@conduit/contract';
import { launchBrowser, requireBrowser } from '../support/browser';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';

jest.setTimeout(60_000);

const LIST = '[data-testid="article-list"]';
const PREVIEW = '[data-testid="article-preview"]';
const STATUS = '[data-testid="live-status"]';
const statusIs = (status: string) => `${STATUS}[data-status="${status}"]`;

function listedSlugs(page: Page): Promise<string[]> {
  return page.$$eval(`${LIST} ${PREVIEW}`, (items) => items.map((item) => item.getAttribute('data-slug') ?? ''));
}

async function waitUntilOnTop(page: Page, slug: string, timeout = 5_000): Promise<void> {
  await page.waitForFunction(
    ([list, item, expected]) => document.querySelector(`${list} ${item}`)?.getAttribute('data-slug') === expected,
    [LIST, PREVIEW, slug] as const,
    { timeout },
  );
}

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('live home page with WebSocket blocked, in Chromium (built server)', () => {
  let browser: Browser;
  let server: ServerProcess;
  let context: BrowserContext | undefined;
  let author: Account;
  const post = (title: string): Promise<Article> => createArticle(server.baseUrl, author, title);

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServerProcess();
    author = await registerUser(server.baseUrl, 'fallback');
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows a new article live over server-sent events, says so, and goes back to the socket with no duplicate', async () => {
    const seeded = await post('Seeded before the page opens');
    context = await browser.newContext();
    const page = await context.newPage();
    // A proxy that blocks WebSocket: every socket is closed before the server can answer.
    let allowed = false;
    await page.routeWebSocket('**/ws', (ws) => {
      if (allowed) ws.connectToServer();
      else void ws.close({ code: 1011, reason: 'test: WebSocket blocked' });
    });

    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector(statusIs('fallback'));
    expect((await page.locator(STATUS).textContent())?.replace(/\s+/g, ' ').trim()).toBe('Updates: Live (fallback)');
    const overEvents = await post('Posted while WebSocket is blocked');
    await waitUntilOnTop(page, overEvents.slug);

    allowed = true;
    // The socket is retried with backoff (a few seconds at most here): wait for it to take over.
    await page.waitForSelector(statusIs('live'), { timeout: 20_000 });
    const overSocket = await post('Posted once the socket is back');
    await waitUntilOnTop(page, overSocket.slug);
    expect(await listedSlugs(page)).toEqual([overSocket.slug, overEvents.slug, seeded.slug]);
  });
});
