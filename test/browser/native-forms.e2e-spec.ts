import type { Page, Request, Route } from 'playwright-core';
import type { ArticleResponse } from '@conduit/contract';
import { hydrated, requireBrowser } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';

jest.setTimeout(90_000);

const PASSWORD = 'correct horse battery';
const SCRIPT = /\.m?js(?:\?|$)/;

/** Every URL the page asked for or navigated to, with the method and body of each request. */
function traffic(page: Page): { requests: Request[]; urls: () => string[] } {
  const requests: Request[] = [];
  const navigated: string[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('framenavigated', (frame) => navigated.push(frame.url()));
  return { requests, urls: () => [...requests.map((request) => request.url()), ...navigated, page.url()] };
}

/**
 * Holds the page's scripts (every `.js` of the build) until `release()`, as a slow network or a blocked CDN
 * would: the server-rendered page is all the reader has, with Angular's inline event contract only.
 */
async function holdScripts(page: Page): Promise<{ release(): Promise<void> }> {
  const held: Route[] = [];
  let released = false;
  await page.route(SCRIPT, (route) => (released ? route.continue() : void held.push(route)));
  return {
    async release() {
      released = true;
      await Promise.all(held.splice(0).map((route) => route.continue()));
    },
  };
}

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('forms that work before and without JavaScript, and no password in a URL, in Chromium (built server)', () => {
  const app = browserSuite();
  let writer: Account;

  beforeAll(async () => {
    writer = await registerUser(app.baseUrl, 'nojs');
  });

  const api = async <T>(path: string): Promise<T> => (await (await fetch(`${app.baseUrl}/api${path}`)).json()) as T;
  const signedInAs = async (page: Page, account: Account) => page.waitForSelector(`nav a.nav-link[href="/profile/${account.username}"]`);

  it('signs in by POST when the form is submitted while the scripts are held, and the password reaches no URL', async () => {
    const page = await (await app.newContext()).newPage();
    const seen = traffic(page);
    await holdScripts(page);
    // Module scripts hold DOMContentLoaded back: the page is there once it is committed and its form parsed.
    await page.goto(`${app.baseUrl}/login`, { waitUntil: 'commit' });
    await page.fill('input[name="email"]', writer.email);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${app.baseUrl}/`, { waitUntil: 'commit' });
    await signedInAs(page, writer);

    const login = seen.requests.find((request) => new URL(request.url()).pathname === '/login' && request.method() === 'POST');
    expect(login?.postData()).toBe(new URLSearchParams({ email: writer.email, password: PASSWORD }).toString());
    expect(seen.requests.filter((request) => request.method() === 'GET' && request.url().includes('password'))).toEqual([]);
    const urls = seen.urls();
    expect(urls.filter((url) => url.includes(encodeURIComponent(PASSWORD)) || url.includes(PASSWORD.replaceAll(' ', '+')) || url.includes('password'))).toEqual([]);
    // The history holds the sign-in page and the home page the post was answered with, neither with the form in it.
    const cdp = await page.context().newCDPSession(page);
    const { entries } = await cdp.send('Page.getNavigationHistory');
    expect(entries.map((entry) => entry.url).filter((url) => url !== 'about:blank')).toEqual([`${app.baseUrl}/login`, `${app.baseUrl}/`]);
  });

  describe('with JavaScript off', () => {
    const noScript = async (account?: Account) => (await app.newContext({ javaScriptEnabled: false, account })).newPage();

    it('signs up: the session cookie is set and the next page is the new reader’s', async () => {
      const page = await noScript();
      const seen = traffic(page);
      const username = `nojs_${Date.now().toString(36)}`;
      await page.goto(`${app.baseUrl}/register`);
      await page.fill('input[name="username"]', username);
      await page.fill('input[name="email"]', `${username}@example.com`);
      await page.fill('input[name="password"]', PASSWORD);
      await page.click('button[type="submit"]');
      await page.waitForURL(`${app.baseUrl}/`);
      await page.waitForSelector(`nav a.nav-link[href="/profile/${username}"]`);
      expect(seen.urls().filter((url) => url.includes('password') || url.includes('horse'))).toEqual([]);
    });

    it('shows a refused sign-in again with its error, the email kept and the password field empty', async () => {
      const page = await noScript();
      const seen = traffic(page);
      await page.goto(`${app.baseUrl}/login`);
      await page.fill('input[name="email"]', writer.email);
      await page.fill('input[name="password"]', 'not the password');
      await page.click('button[type="submit"]');
      await page.waitForSelector('.error-messages li:has-text("credentials invalid")');
      expect(page.url()).toBe(`${app.baseUrl}/login`);
      expect(await page.inputValue('input[name="email"]')).toBe(writer.email);
      expect(await page.inputValue('input[name="password"]')).toBe('');
      expect(seen.urls().filter((url) => url.includes('password') || url.includes('not+the'))).toEqual([]);
    });

    it('shows the password rule before any submit, on sign-up and settings', async () => {
      const signUp = await noScript();
      await signUp.goto(`${app.baseUrl}/register`);
      expect(await signUp.textContent('#password-rules')).toContain('At least 8 characters');
      expect(await signUp.getAttribute('input[name="password"]', 'aria-describedby')).toBe('password-rules');
      const settings = await noScript(writer);
      await settings.goto(`${app.baseUrl}/settings`);
      expect(await settings.textContent('#password-rules')).toContain('At least 8 characters, or empty to keep it');
    });

    it('updates the settings and lands on the profile', async () => {
      const reader = await registerUser(app.baseUrl, 'nojsbio');
      const page = await noScript(reader);
      await page.goto(`${app.baseUrl}/settings`);
      await page.fill('textarea[name="bio"]', 'Written without a script');
      await page.click('button:has-text("Update Settings")');
      await page.waitForURL(`${app.baseUrl}/profile/${reader.username}`);
      await page.waitForSelector('.user-info p:has-text("Written without a script")');
    });

    it('publishes an article, tags included, and lands on it', async () => {
      const page = await noScript(writer);
      await page.goto(`${app.baseUrl}/editor`);
      await page.fill('input[name="title"]', 'Published without a script');
      await page.fill('input[name="description"]', 'No JavaScript here');
      await page.fill('textarea[name="body"]', 'Just *HTML* forms.');
      await page.fill('input[placeholder="Enter tags"]', 'plain, forms');
      await page.click('button:has-text("Publish Article")');
      await page.waitForURL(`${app.baseUrl}/article/published-without-a-script`);
      await page.waitForSelector('h1:has-text("Published without a script")');
      const { article } = await api<ArticleResponse>('/articles/published-without-a-script');
      expect([...article.tagList].sort()).toEqual(['forms', 'plain']);
    });

    it('posts a comment and shows it on the article', async () => {
      const article = await createArticle(app.baseUrl, writer, 'Commented without a script');
      const page = await noScript(writer);
      await page.goto(`${app.baseUrl}/article/${article.slug}`);
      await page.fill('textarea[placeholder="Write a comment..."]', 'No script needed');
      await page.click('button:has-text("Post Comment")');
      await page.waitForSelector('[data-testid="comment"] .card-text:has-text("No script needed")');
      expect(page.url()).toBe(`${app.baseUrl}/article/${article.slug}`);
    });
  });

  describe('while the page hydrates', () => {
    it('keeps a click made before hydration (event replay): a favorite clicked while the scripts load counts', async () => {
      const article = await createArticle(app.baseUrl, writer, 'Favorited while hydrating');
      const fan = await registerUser(app.baseUrl, 'early');
      const page = await (await app.newContext({ account: fan })).newPage();
      const scripts = await holdScripts(page);
      await page.goto(`${app.baseUrl}/article/${article.slug}`, { waitUntil: 'commit' });
      await page.click('.article-page .banner button:has-text("Favorite Article")');
      await scripts.release();
      await page.waitForSelector('.article-page .banner button:has-text("Unfavorite Article")');
      expect((await api<ArticleResponse>(`/articles/${article.slug}`)).article.favoritesCount).toBe(1);
    });
  });

  it('after hydration, the app takes the submit: a JSON call, no native post', async () => {
    const page = await (await app.newContext()).newPage();
    const seen = traffic(page);
    await page.goto(`${app.baseUrl}/login`);
    await hydrated(page);
    await page.fill('input[name="email"]', writer.email);
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${app.baseUrl}/`);
    await signedInAs(page, writer);
    const posts = seen.requests.filter((request) => request.method() === 'POST').map((request) => new URL(request.url()).pathname);
    expect(posts).toEqual(['/api/session']);
  });
});
