import type { Page } from 'playwright-core';
import type { ArticleListResponse } from '@conduit/contract';
import { hydrated, requireBrowser } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';

jest.setTimeout(90_000);

const PUBLISH = 'button:has-text("Publish Article")';
const LOGOUT = 'button.btn-outline-danger:has-text("Or click here to logout")';

/** Errors the page logged or threw, collected from its first load. */
function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('each write once, honest failures, and no error on the way out, in Chromium (built server)', () => {
  const app = browserSuite();

  const articlesBy = async (account: Account) =>
    ((await (await fetch(`${app.baseUrl}/api/articles?author=${account.username}`)).json()) as ArticleListResponse).articles;

  async function openEditor(account: Account, title: string): Promise<Page> {
    const page = await (await app.newContext({ account })).newPage();
    await page.goto(`${app.baseUrl}/editor`);
    await hydrated(page);
    await page.fill('input[name="title"]', title);
    await page.fill('input[name="description"]', 'Said once');
    await page.fill('textarea[name="body"]', 'Only one of me.');
    return page;
  }

  it('creates one article from a double click on "Publish Article"', async () => {
    const writer = await registerUser(app.baseUrl, 'doubler');
    const page = await openEditor(writer, 'Double clicked');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/articles') posts.push(request.url());
    });
    await page.dblclick(PUBLISH);
    await page.waitForURL(`${app.baseUrl}/article/double-clicked`);
    expect(posts).toHaveLength(1);
    expect((await articlesBy(writer)).map((article) => article.slug)).toEqual(['double-clicked']);
  });

  it('creates one article when the answer to the first publish was lost and the writer publishes again', async () => {
    const writer = await registerUser(app.baseUrl, 'retrier');
    const page = await openEditor(writer, 'Lost answer');
    let lost = false;
    await page.route('**/api/articles', async (route) => {
      if (lost || route.request().method() !== 'POST') return route.continue();
      // The server commits the article; the browser never hears about it.
      lost = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.click(PUBLISH);
    await page.waitForSelector('.error-messages');
    expect(await articlesBy(writer)).toHaveLength(1);
    await page.click(PUBLISH);
    await page.waitForURL(/\/article\/lost-answer$/);
    expect(await articlesBy(writer)).toHaveLength(1);
  });

  it('says where the reader clicked that a favorite failed while offline', async () => {
    const [writer, reader] = [await registerUser(app.baseUrl, 'hearted'), await registerUser(app.baseUrl, 'offline')];
    const article = await createArticle(app.baseUrl, writer, 'Favorited offline');
    const context = await app.newContext({ account: reader });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/`);
    await hydrated(page);
    const preview = page.locator(`[data-testid="article-preview"][data-slug="${article.slug}"]`);
    await context.setOffline(true);
    await preview.locator('app-favorite-button button').click();
    await preview.locator('[role="alert"]:has-text("You are offline")').waitFor();
    expect(await preview.locator('[data-testid="favorites-count"]').textContent()).toBe('0');
  });

  it('says beside Follow, and above the comment form, that the reader is offline', async () => {
    const [writer, reader] = [await registerUser(app.baseUrl, 'followed'), await registerUser(app.baseUrl, 'offline')];
    const article = await createArticle(app.baseUrl, writer, 'Followed offline');
    const context = await app.newContext({ account: reader });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/article/${article.slug}`);
    await hydrated(page);
    await page.fill('textarea[placeholder="Write a comment..."]', 'Written on a train');
    await context.setOffline(true);

    const meta = page.locator('.banner app-article-meta');
    await meta.locator(`button:has-text("Follow ${writer.username}")`).click();
    await meta.locator('[role="alert"]:has-text("You are offline")').waitFor();
    expect(await meta.locator(`button:has-text("Follow ${writer.username}")`).isEnabled()).toBe(true);

    await page.click('button:has-text("Post Comment")');
    await page.locator('.error-messages:has-text("You are offline")').waitFor();
    // The text is still there to post once the network is back.
    expect(await page.locator('textarea[placeholder="Write a comment..."]').inputValue()).toBe('Written on a train');
  });

  it('says above the settings form that the reader is offline, and keeps what was typed', async () => {
    const reader = await registerUser(app.baseUrl, 'settler');
    const context = await app.newContext({ account: reader });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/settings`);
    await hydrated(page);
    await page.fill('textarea[name="bio"]', 'Written offline');
    await context.setOffline(true);
    await page.click('button:has-text("Update Settings")');
    await page.locator('.error-messages:has-text("You are offline")').waitFor();
    expect(await page.locator('textarea[name="bio"]').inputValue()).toBe('Written offline');
    expect(new URL(page.url()).pathname).toBe('/settings');
  });

  it('retries a page whose code failed to load once, then offers a reload that opens it', async () => {
    const writer = await registerUser(app.baseUrl, 'chunky');
    const context = await app.newContext({ account: writer });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/`);
    await hydrated(page);
    // Every chunk asked for from now on is the editor's: the home page's are loaded.
    const failed: string[] = [];
    let failing = 1;
    await page.route(/\/chunk-[^/]+\.js$/, (route) => {
      if (failed.length >= failing) return route.continue();
      failed.push(route.request().url());
      return route.abort('internetdisconnected');
    });

    // One failure: the retry loads the page.
    await page.click('a.nav-link:has-text("New Article")');
    await page.waitForURL(`${app.baseUrl}/editor`);
    await page.locator(PUBLISH).waitFor();
    expect(failed).toHaveLength(1);
    expect(await page.locator('[data-testid="navigation-failure"]').count()).toBe(0);

    // Failing for good, offline: the reader is told, and Reload opens the page once the network is back.
    await page.goto(`${app.baseUrl}/`);
    await hydrated(page);
    failing = Infinity;
    await context.setOffline(true);
    await page.click('a.nav-link:has-text("Settings")');
    await page.locator('[data-testid="navigation-failure"]:has-text("You are offline")').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await context.setOffline(false);
    await page.unroute(/\/chunk-[^/]+\.js$/);
    await page.click('[data-testid="navigation-failure"] button:has-text("Reload")');
    await page.waitForURL(`${app.baseUrl}/settings`);
    await page.locator('button:has-text("Update Settings")').waitFor();
  });

  it('logs out from the settings page without an error', async () => {
    const reader = await registerUser(app.baseUrl, 'leaver');
    const page = await (await app.newContext({ account: reader })).newPage();
    const errors = pageErrors(page);
    await page.goto(`${app.baseUrl}/settings`);
    await hydrated(page);
    await page.click(LOGOUT);
    await page.waitForURL(`${app.baseUrl}/`);
    await page.waitForSelector('a.nav-link:has-text("Sign in")');
    expect(errors).toEqual([]);
  });
});
