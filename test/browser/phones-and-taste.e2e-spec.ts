import type { Page } from 'playwright-core';
import { hydrated, requireBrowser, saveScreenshot, seriousAxeViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { postComment } from './rest-fixtures';

jest.setTimeout(180_000);

const PHONE = { width: 375, height: 667 };
const SMALL_PHONE = { width: 360, height: 640 };
const DESKTOP = { width: 1280, height: 800 };
const MENU_BUTTON = 'button.nav-toggle';
const NAV_LINKS = '.navbar .nav-link';
const LIVE = '[data-testid="live-status"][data-status="live"]';

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('phones and taste in Chromium (built server): navbar, dark mode, dates, the 404 page', () => {
  const app = browserSuite();
  let writer: Account;
  let slug: string;
  /** Console errors and uncaught exceptions of every page a test opens (hydration mismatches, CSP refusals, ...). */
  let errors: string[];

  beforeAll(async () => {
    writer = await registerUser(app.baseUrl, 'writer');
    const body = '## A quote\n\n> Simplicity is prerequisite for reliability.\n\nCall `subscribe(topic, cursor)` once hydrated:\n\n```ts\nclient.subscribe("articles", cursor);\n```\n';
    slug = (await createArticle(app.baseUrl, writer, 'Quotes and code', ['style'], body)).slug;
    await postComment(app.baseUrl, writer, slug, 'Readable in the dark too.');
  });

  beforeEach(() => {
    errors = [];
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  async function open(path: string, options: { viewport?: { width: number; height: number }; account?: Account; dark?: boolean; javaScript?: boolean } = {}): Promise<Page> {
    const context = await app.newContext({
      viewport: options.viewport ?? DESKTOP,
      colorScheme: options.dark ? 'dark' : 'light',
      javaScriptEnabled: options.javaScript ?? true,
      account: options.account,
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => errors.push(`${path}: ${error.message}`));
    page.on('console', (message) => {
      // A 404 page is answered 404, which Chromium reports as a failed load of the document itself.
      const documentNotFound = message.location().url === page.url() && /status of 404/.test(message.text());
      if (message.type() === 'error' && !documentNotFound) errors.push(`${path}: ${message.text()}`);
    });
    await page.goto(`${app.baseUrl}${path}`);
    if (options.javaScript !== false) await hydrated(page);
    return page;
  }

  const visibleLinks = (page: Page) => page.$$eval(NAV_LINKS, (links) => links.filter((link) => link.checkVisibility()).map((link) => link.textContent!.trim()));
  /** How many rows the navbar's visible items make: an item starting below the bottom of the row so far starts another. */
  const navbarRows = (page: Page) =>
    page.$$eval('.navbar-brand, .navbar .nav-toggle, .navbar .nav-link', (items) => {
      const boxes = items.filter((item) => item.checkVisibility()).map((item) => item.getBoundingClientRect()).sort((a, b) => a.top - b.top);
      let rows = 0;
      let bottom = -Infinity;
      for (const box of boxes) {
        if (box.top >= bottom) rows++;
        bottom = box.top >= bottom ? box.bottom : Math.max(bottom, box.bottom);
      }
      return rows;
    });

  /** The app re-renders after the event that changed it: wait for the button to say so. */
  const expanded = (page: Page, open: boolean) => page.waitForSelector(`${MENU_BUTTON}[aria-expanded="${open}"]`);

  describe('navbar on a phone', () => {
    it.each([PHONE, SMALL_PHONE])('is one row with a menu button at %p, and the button opens and folds the links', async (viewport) => {
      const page = await open('/', { viewport, account: writer });
      const button = page.locator(MENU_BUTTON);
      expect(await navbarRows(page)).toBe(1);
      expect(await visibleLinks(page)).toEqual([]);
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      const controlled = await button.getAttribute('aria-controls');
      expect(await page.locator(`#${controlled}`).count()).toBe(1);
      if (viewport === PHONE) await saveScreenshot(page, 'navbar-phone');

      await button.click();
      await expanded(page, true);
      expect(await visibleLinks(page)).toEqual(['Home', '✎ New Article', '⚙ Settings', writer.username]);
      if (viewport === PHONE) await saveScreenshot(page, 'navbar-phone-menu');

      await page.keyboard.press('Escape');
      await expanded(page, false);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('nav-toggle'))).toBe(true);
      expect(await visibleLinks(page)).toEqual([]);

      await button.click();
      await page.click(`${NAV_LINKS}:has-text("Settings")`);
      await page.waitForURL(`${app.baseUrl}/settings`);
      await expanded(page, false);
      expect(await visibleLinks(page)).toEqual([]);
    });

    it('opens without JavaScript too (a <details>), and shows the links inline on a desktop', async () => {
      const phone = await open('/', { viewport: PHONE, javaScript: false });
      expect(await navbarRows(phone)).toBe(1);
      expect(await visibleLinks(phone)).toEqual([]);
      await phone.click('summary.nav-toggle');
      expect(await visibleLinks(phone)).toEqual(['Home', 'Sign in', 'Sign up']);

      const desktop = await open('/', { viewport: DESKTOP, javaScript: false });
      expect(await visibleLinks(desktop)).toEqual(['Home', 'Sign in', 'Sign up']);
      expect(await desktop.locator('.nav-toggle').isVisible()).toBe(false);
      expect(await navbarRows(desktop)).toBe(1);
    });

    it('shows the links inline on a desktop, with no menu button', async () => {
      const page = await open('/', { viewport: DESKTOP, account: writer });
      expect(await page.locator(MENU_BUTTON).isVisible()).toBe(false);
      expect(await visibleLinks(page)).toEqual(['Home', '✎ New Article', '⚙ Settings', writer.username]);
      expect(await navbarRows(page)).toBe(1);
    });
  });

  describe('colour schemes', () => {
    const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

    it("follows the reader's system: a dark background under prefers-color-scheme: dark, white under light", async () => {
      const page = await open(`/article/${slug}`, { viewport: PHONE, dark: true });
      expect(await background(page)).toBe('rgb(15, 20, 25)');
      await page.waitForSelector(LIVE);
      await saveScreenshot(page, 'article-dark-phone');
      await page.emulateMedia({ colorScheme: 'light' });
      expect(await background(page)).toBe('rgb(255, 255, 255)');

      const home = await open('/', { viewport: DESKTOP, dark: true });
      expect(await background(home)).toBe('rgb(15, 20, 25)');
      await home.waitForSelector(LIVE);
      await saveScreenshot(home, 'home-dark-desktop');
    });

    it('styles quotes and code in an article body', async () => {
      const page = await open(`/article/${slug}`, { viewport: DESKTOP });
      const style = (selector: string) => page.$eval(selector, (element) => {
        const { borderLeftWidth, backgroundColor, fontFamily } = getComputedStyle(element);
        return { borderLeftWidth, backgroundColor, monospace: /mono/i.test(fontFamily) };
      });
      expect(await style('.article-content blockquote')).toEqual({ borderLeftWidth: '4px', backgroundColor: 'rgb(244, 246, 248)', monospace: false });
      expect(await style('.article-content p > code')).toMatchObject({ backgroundColor: 'rgb(244, 246, 248)', monospace: true });
      expect(await style('.article-content pre')).toMatchObject({ backgroundColor: 'rgb(244, 246, 248)' });
      await page.locator('.article-content').scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'article-body-desktop');
    });

    it('has no serious or critical axe-core violation in either scheme, on a phone and a desktop, menu open or not', async () => {
      const pages: Array<{ path: string; account?: Account }> = [
        { path: '/' },
        { path: `/article/${slug}` },
        { path: `/profile/${writer.username}` },
        { path: '/editor', account: writer },
        { path: '/login' },
      ];
      const found: Record<string, unknown> = {};
      for (const dark of [false, true]) {
        for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
          for (const { path, account } of pages) {
            const page = await open(path, { viewport, account, dark });
            if (device === 'phone' && path === '/') await page.click(MENU_BUTTON);
            const violations = await seriousAxeViolations(page);
            if (violations.length) found[`${dark ? 'dark' : 'light'} ${device} ${path}`] = violations;
            await page.context().close();
          }
        }
      }
      expect(found).toEqual({});
    });
  });

  describe('dates', () => {
    it('prints the UTC calendar date on the server, then how long ago in a <time datetime> with the full date and time as its title', async () => {
      const article = await createArticle(app.baseUrl, writer, 'Dated just now');
      const html = await (await fetch(`${app.baseUrl}/article/${article.slug}`)).text();
      const calendarDate = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(article.createdAt));
      expect(html).toMatch(new RegExp(`<time[^>]*datetime="${article.createdAt}"[^>]*>${calendarDate}</time>`));
      expect(html).toMatch(/<time[^>]*title="[A-Z][a-z]+day, [^"]* at [^"]* UTC"/);

      const page = await open(`/article/${article.slug}`, { viewport: DESKTOP });
      const time = page.locator('.banner time.date');
      await page.waitForFunction(() => /^(just now|\d+ minutes? ago)$/.test(document.querySelector('.banner time.date')!.textContent!));
      expect(await time.getAttribute('datetime')).toBe(article.createdAt);
      expect(await time.getAttribute('title')).toMatch(new RegExp(`${calendarDate.replace(/ /g, '\\s')} at \\d{1,2}:\\d{2}\\s[AP]M`));

      const commented = await open(`/article/${slug}`, { viewport: DESKTOP });
      expect(await commented.locator('.comment-list time.date-posted').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });
  });

  describe('the 404 page', () => {
    it.each([
      ['an article', '/article/no-such-article', 'Article not found'],
      ['a profile', '/profile/no_such_reader', 'Profile not found'],
    ])('of %s asks the API nothing more once loaded: the server told the browser it was missing', async (_what, path, heading) => {
      const context = await app.newContext({ viewport: DESKTOP });
      const page = await context.newPage();
      const asked: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) asked.push(`${request.method()} ${new URL(request.url()).pathname}`);
      });
      page.on('pageerror', (error) => errors.push(error.message));
      const response = await page.goto(`${app.baseUrl}${path}`);
      expect(response?.status()).toBe(404);
      await hydrated(page);
      expect(await page.locator('h1').textContent()).toBe(heading);
      expect(asked).toEqual([]);
    });
  });
});
