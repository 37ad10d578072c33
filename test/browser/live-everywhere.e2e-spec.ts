import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hydrated, launchBrowser, requireBrowser, saveScreenshot } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';

jest.setTimeout(90_000);

const LIVE = '[data-testid="live-status"][data-status="live"]';
const RECONNECTING = '[data-testid="live-status"][data-status="reconnecting"]';
const PREVIEW = '[data-testid="article-preview"]';
const PILL = '[data-testid="new-articles"]';
const previewOf = (slug: string) => `${PREVIEW}[data-slug="${slug}"]`;
/** Issue 19 asks for a catch-up under 2 s after a restart (measured by `npm run bench -- --only restart`); asserted loosely here. */
const RESTART_CATCH_UP_MS = 5_000;

async function favorite(baseUrl: string, reader: Account, slug: string, on: boolean): Promise<void> {
  const res = await fetch(`${baseUrl}/api/articles/${slug}/favorite`, { method: on ? 'POST' : 'DELETE', headers: { authorization: `Token ${reader.token}` } });
  if (!res.ok) throw new Error(`favorite answered ${res.status}`);
}

const slugsShown = (page: Page) => page.$$eval(PREVIEW, (items) => items.map((item) => item.getAttribute('data-slug')));

(requireBrowser() ? describe : describe.skip)('live everywhere a reader looks, in Chromium (built server)', () => {
  const app = browserSuite();

  async function open(context: BrowserContext, path: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}${path}`);
    await hydrated(page);
    return page;
  }

  it('adds the tag a new article brings to Popular Tags, without a reload', async () => {
    const writer = await registerUser(app.baseUrl, 'tagger');
    const page = await open(await app.newContext(), '/');
    await page.waitForSelector(LIVE);
    const tag = `fresh${Date.now().toString(36)}`;
    expect(await page.locator('[data-testid="popular-tags"]').textContent()).not.toContain(tag);

    await createArticle(app.baseUrl, writer, 'Brings a new tag', [tag]);
    await page.waitForSelector(`[data-testid="popular-tags"] a.tag-pill:text-is("${tag}")`);
    await page.click(`[data-testid="popular-tags"] a.tag-pill:text-is("${tag}")`);
    await page.waitForURL(`**/tag/${tag}`);
  });

  it("keeps a profile's Favorited Articles tab current as its owner favorites and unfavorites", async () => {
    const [writer, fan] = await Promise.all([registerUser(app.baseUrl, 'writer'), registerUser(app.baseUrl, 'fan')]);
    const [liked, other] = [await createArticle(app.baseUrl, writer, 'Liked later'), await createArticle(app.baseUrl, writer, 'Never liked')];
    const page = await open(await app.newContext(), `/profile/${fan.username}/favorites`);
    await page.waitForSelector(LIVE);
    expect(await page.locator(PREVIEW).count()).toBe(0);

    await favorite(app.baseUrl, fan, liked.slug, true);
    await page.waitForSelector(previewOf(liked.slug));
    // Someone else's favorite changes a count, never this list.
    await favorite(app.baseUrl, writer, other.slug, true);
    await favorite(app.baseUrl, fan, liked.slug, false);
    await page.waitForSelector(previewOf(liked.slug), { state: 'detached' });
    expect(await page.locator(previewOf(other.slug)).count()).toBe(0);
  });

  it('signs the other tabs out with a sign-out in one: no signed-in menu, no Edit button, and the editor goes to sign in', async () => {
    const author = await registerUser(app.baseUrl, 'author');
    const article = await createArticle(app.baseUrl, author, 'Edited by its author only');
    const context = await app.newContext({ account: author });
    const reading = await open(context, `/article/${article.slug}`);
    await reading.waitForSelector('a:has-text("Edit Article")');
    await reading.waitForSelector('a.nav-link[href="/settings"]');
    const editing = await open(context, '/editor');

    const settings = await open(context, '/settings');
    await settings.click('button:has-text("Or click here to logout")');

    await reading.waitForSelector('a.nav-link[href="/login"]');
    expect(await reading.locator('a.nav-link[href="/settings"]').count()).toBe(0);
    expect(await reading.locator('a:has-text("Edit Article")').count()).toBe(0);
    await editing.waitForURL('**/login');
  });

  it('signs the other tabs in with a sign-in in one', async () => {
    const reader = await registerUser(app.baseUrl, 'returning');
    const context = await app.newContext();
    const home = await open(context, '/');
    await home.waitForSelector('a.nav-link[href="/login"]');

    const login = await open(context, '/login');
    await login.fill('input[name="email"]', reader.email);
    await login.fill('input[name="password"]', 'correct horse battery');
    await login.click('form button[type="submit"]');

    await home.waitForSelector(`a.nav-link[href="/profile/${reader.username}"]`);
    expect(await home.locator('a.nav-link[href="/login"]').count()).toBe(0);
  });

  it('sends another tab on the sign-up page home once a tab signs in', async () => {
    const reader = await registerUser(app.baseUrl, 'twotabs');
    const context = await app.newContext();
    const signUp = await open(context, '/register');
    const login = await open(context, '/login');
    await login.fill('input[name="email"]', reader.email);
    await login.fill('input[name="password"]', 'correct horse battery');
    await login.click('form button[type="submit"]');
    await signUp.waitForURL(`${app.baseUrl}/`);
  });

  it("shows a follow made in one tab in Your Feed of another", async () => {
    const [writer, reader] = await Promise.all([registerUser(app.baseUrl, 'followed'), registerUser(app.baseUrl, 'follower')]);
    const written = await createArticle(app.baseUrl, writer, 'Written before the follow');
    const context = await app.newContext({ account: reader });
    const feed = await open(context, '/?feed=following');
    await feed.waitForSelector(LIVE);
    expect(await feed.locator(PREVIEW).count()).toBe(0);

    const profile = await open(context, `/profile/${writer.username}`);
    await profile.click(`button:has-text("Follow ${writer.username}")`);

    await feed.waitForSelector(previewOf(written.slug));
    // And the feed stays live for the new author.
    const later = await createArticle(app.baseUrl, writer, 'Written after the follow');
    await feed.waitForSelector(previewOf(later.slug));
    expect(await slugsShown(feed)).toEqual([later.slug, written.slug]);
  });

  it("shows the reader's ♥ and follow from one tab in the others: the home list, the article page and the author's profile", async () => {
    const [writer, reader] = await Promise.all([registerUser(app.baseUrl, 'hearted'), registerUser(app.baseUrl, 'heartgiver')]);
    const article = await createArticle(app.baseUrl, writer, 'Favorited in another tab');
    const context = await app.newContext({ account: reader });
    const home = await open(context, '/');
    const profile = await open(context, `/profile/${writer.username}`);
    const articlePage = await open(context, `/article/${article.slug}`);
    await Promise.all([home, articlePage].map((page) => page.waitForSelector(LIVE)));
    const homeHeart = home.locator(`${previewOf(article.slug)} app-favorite-button button`);
    expect(await homeHeart.getAttribute('aria-pressed')).toBe('false');

    await articlePage.click('app-favorite-button button:has-text("Favorite Article")');
    await articlePage.waitForSelector('app-favorite-button button[aria-pressed="true"]');
    // The count arrives on the stream; the ♥ only the acting tab can tell.
    await home.waitForSelector(`${previewOf(article.slug)} app-favorite-button button[aria-pressed="true"]`);
    expect(await home.locator(`${previewOf(article.slug)} [data-testid="favorites-count"]`).textContent()).toBe('1');

    await articlePage.click(`button:has-text("Follow ${writer.username}")`);
    await articlePage.waitForSelector(`button:has-text("Unfollow ${writer.username}")`);
    await profile.waitForSelector(`button[aria-pressed="true"]:has-text("Unfollow ${writer.username}")`);

    await profile.click(`button:has-text("Unfollow ${writer.username}")`);
    await articlePage.waitForSelector(`button[aria-pressed="false"]:has-text("Follow ${writer.username}")`);
  });

  it('holds new articles behind an "N new articles" pill while the reader is scrolled down, and shows them on top when pressed', async () => {
    const writer = await registerUser(app.baseUrl, 'prolific');
    for (let i = 0; i < 10; i++) await createArticle(app.baseUrl, writer, `Filler ${i}`);
    const context = await app.newContext({ viewport: { width: 1280, height: 600 } });
    const page = await open(context, '/');
    await page.waitForSelector(LIVE);
    const before = await slugsShown(page);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 0);

    const first = await createArticle(app.baseUrl, writer, 'First while scrolled');
    await page.waitForSelector(`${PILL}:has-text("1 new article")`);
    const second = await createArticle(app.baseUrl, writer, 'Second while scrolled');
    await page.waitForSelector(`${PILL}:has-text("2 new articles")`);
    expect(await slugsShown(page)).toEqual(before);
    expect(await page.locator(PILL).isVisible()).toBe(true);
    expect(await page.locator(PILL).evaluate((pill) => pill.parentElement?.getAttribute('aria-live'))).toBe('polite');
    await saveScreenshot(page, 'new-articles-pill-desktop');

    await page.click(PILL);
    await page.waitForFunction(() => window.scrollY === 0);
    // The scroll is synchronous with the click; the list is rendered at the next change detection.
    await page.waitForSelector(`${PREVIEW}:first-child[data-slug="${second.slug}"]`);
    expect(await slugsShown(page)).toEqual([second.slug, first.slug, ...before].slice(0, 10));
    expect(await page.locator(PILL).count()).toBe(0);

    // Back at the top, a new article goes straight in.
    const third = await createArticle(app.baseUrl, writer, 'Third at the top');
    await page.waitForSelector(`${PREVIEW}:first-child[data-slug="${third.slug}"]`);
    expect(await page.locator(PILL).count()).toBe(0);
    expect(new Set(await slugsShown(page)).size).toBe(10);
  });

  it('reconnects at once when the reader presses "Retry now", rather than at the next backoff step', async () => {
    const context = await app.newContext();
    const page = await context.newPage();
    // The event stream fallback is kept away, so that only sockets can bring the page back.
    await page.route('**/api/live?**', (route) => route.abort());
    let accepting = true;
    let refusals = 0;
    let onThirdRefusal: () => void = () => undefined;
    const thirdRefusal = new Promise<void>((resolve) => (onThirdRefusal = resolve));
    const attempts: number[] = [];
    let cut: () => Promise<void> = async () => undefined;
    await page.routeWebSocket('**/ws', (ws) => {
      attempts.push(Date.now());
      if (!accepting) {
        if (++refusals === 3) onThirdRefusal();
        void ws.close({ code: 1011, reason: 'test: unreachable' });
        return;
      }
      const server = ws.connectToServer();
      cut = async () => {
        await server.close({ code: 1000 });
        await ws.close({ code: 1011, reason: 'test: connection lost' });
      };
    });
    await page.goto(`${app.baseUrl}/`);
    await page.waitForSelector(LIVE);

    accepting = false;
    await cut();
    await page.waitForSelector(RECONNECTING);
    // Three refusals in a row: the next retry of the backoff is 4 s (±25 %) away.
    await thirdRefusal;
    await saveScreenshot(page, 'reconnecting-desktop');
    // On a small phone the button keeps the navbar on one row: brand, badge, button and menu button side by side.
    await page.setViewportSize({ width: 360, height: 640 });
    const onBrandRow = await page.evaluate(() => {
      const brand = document.querySelector('.navbar-brand')!.getBoundingClientRect();
      const shown = [...document.querySelectorAll<HTMLElement>('[data-testid="live-retry"], .navbar .nav-toggle')].filter((item) => item.offsetParent !== null);
      return shown.length === 2 && shown.every((item) => item.getBoundingClientRect().top < brand.bottom);
    });
    expect(onBrandRow).toBe(true);
    accepting = true;
    const pressed = Date.now();
    await page.click('[data-testid="live-retry"]');
    await page.waitForSelector(LIVE);
    const reconnectedAfter = attempts[attempts.length - 1] - pressed;
    expect(reconnectedAfter).toBeLessThan(2_000);
    expect(await page.locator('[data-testid="live-retry"]').count()).toBe(0);
  });
});

(requireBrowser() ? describe : describe.skip)('catching up after a server restart, in Chromium (built server)', () => {
  let browser: Browser;
  let server: ServerProcess;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startServerProcess()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(`shows what was written while the server was down within ${RESTART_CATCH_UP_MS / 1000} s of its listening again`, async () => {
    const writer = await registerUser(server.baseUrl, 'restart');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector(LIVE);

    let missed = '';
    const listening = await server.restart(async () => {
      await page.waitForSelector(RECONNECTING);
      // Written while the page's server is down, by another server on the same store.
      const other = await startServerProcess({}, { dataDir: server.dataDir });
      try {
        missed = (await createArticle(other.baseUrl, writer, 'Written during the restart')).slug;
      } finally {
        await other.stop();
      }
    });
    await page.waitForSelector(previewOf(missed), { timeout: RESTART_CATCH_UP_MS * 2 });
    expect(Date.now() - listening).toBeLessThan(RESTART_CATCH_UP_MS);
    await page.waitForSelector(LIVE);
    await context.close();
  });
});
