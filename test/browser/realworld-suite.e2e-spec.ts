import type { Page, Route } from 'playwright-core';
import type { Article } from '@conduit/contract';
import { headingOutline, hydrated, requireBrowser, type Heading } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { callApi } from './rest-fixtures';

jest.setTimeout(90_000);

/**
 * The flows of the official RealWorld front-end suite (realworld-apps/realworld `specs/e2e/`) that hang on
 * markup its selector contract does not list: the preview's `h1`, the profile's `h4`, the editor tag's icon,
 * `/login` for a signed-out action, and a list wait on `.article-preview`. Each with the accessibility the
 * element keeps: the outline, and a tag icon that is a named control for keyboard and screen reader.
 */
const PREVIEW_TITLE = '.article-preview .preview-link > h1:first-child';
const TAG_FIELD = 'input[placeholder="Enter tags"]';
const EDITOR_PILLS = '.tag-list .tag-pill';

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('what the official RealWorld front-end suite expects, in Chromium (built server)', () => {
  const app = browserSuite();
  let writer: Account;
  let article: Article;

  beforeAll(async () => {
    writer = await registerUser(app.baseUrl, 'writer');
    // A body without a heading: the article page's own h1 is then its only one.
    article = await createArticle(app.baseUrl, writer, 'Opened from its preview', ['suite'], 'A body without a heading.');
  });

  const newPage = async (account?: Account): Promise<Page> => (await app.newContext({ account })).newPage();

  /** The page's one level-1 heading, the list's level-2 heading, and the preview a level below it. */
  function expectOutline(outline: Heading[], top: string, list: string, preview: string): void {
    expect(outline.filter((heading) => heading.level === 1)).toEqual([{ level: 1, name: top }]);
    expect(outline).toContainEqual({ level: 2, name: list });
    expect(outline).toContainEqual({ level: 3, name: preview });
    expect(outline.filter((heading) => heading.level > 3)).toEqual([]);
  }

  it("opens an article by a click on its preview's h1, from the home feed and from the author's profile", async () => {
    const page = await newPage();
    for (const path of ['/', `/profile/${writer.username}`]) {
      await page.goto(`${app.baseUrl}${path}`);
      await hydrated(page);
      await page.locator(PREVIEW_TITLE, { hasText: article.title }).click();
      await page.waitForURL(`${app.baseUrl}/article/${article.slug}`);
      await page.waitForSelector(`h1:has-text("${article.title}")`);
      expect(await page.locator('h1').allTextContents()).toEqual([article.title]);
    }
  });

  it('keeps one h1 in the outline: previews are level-3 headings under the feed, the profile name is the h4 read as level 1', async () => {
    const page = await newPage();
    await page.goto(`${app.baseUrl}/`);
    await hydrated(page);
    expectOutline(await headingOutline(page), 'conduit', 'Global feed', article.title);

    await page.goto(`${app.baseUrl}/profile/${writer.username}`);
    await hydrated(page);
    expect(await page.locator('h4').allTextContents()).toEqual([writer.username]);
    expect(await page.locator('.user-info h4').count()).toBe(1);
    expectOutline(await headingOutline(page), writer.username, `Articles by ${writer.username}`, article.title);
  });

  it('removes an editor tag by its icon: with the mouse, then from the keyboard with Enter and with Space', async () => {
    const author = await registerUser(app.baseUrl, 'editor');
    const page = await newPage(author);
    await page.goto(`${app.baseUrl}/editor`);
    await hydrated(page);
    for (const tag of ['alpha', 'beta', 'gamma', 'delta']) {
      await page.fill(TAG_FIELD, tag);
      await page.press(TAG_FIELD, 'Enter');
    }
    // The pills re-render after the event that changed them: wait for the list, then name the control that has focus.
    const pillsBecome = (tags: readonly string[]) =>
      page.waitForFunction(
        ([selector, expected]) => JSON.stringify(Array.from(document.querySelectorAll(selector), (pill) => pill.textContent!.trim())) === expected,
        [EDITOR_PILLS, JSON.stringify(tags)] as const,
      );
    await pillsBecome(['alpha', 'beta', 'gamma', 'delta']);

    // The suite's click: the icon inside the pill.
    await page.locator(`${EDITOR_PILLS} i`).first().click();
    await pillsBecome(['beta', 'gamma', 'delta']);

    // The keyboard: Tab from the field reaches the first remove control, a button named for its tag that holds the icon.
    const focused = () =>
      page.evaluate(() => {
        const active = document.activeElement!;
        return { tag: active.tagName, name: active.getAttribute('aria-label') ?? active.getAttribute('placeholder'), icon: active.querySelector('i.ion-close-round') !== null };
      });
    for (const [key, tag, left] of [['Enter', 'beta', ['gamma', 'delta']], ['Space', 'gamma', ['delta']]] as const) {
      await page.focus(TAG_FIELD);
      await page.keyboard.press('Tab');
      expect(await focused()).toEqual({ tag: 'BUTTON', name: `Remove tag ${tag}`, icon: true });
      expect(await page.getByRole('button', { name: `Remove tag ${tag}` }).count()).toBe(1);
      await page.keyboard.press(key);
      await pillsBecome(left);
      // The control is gone; focus is back in the field rather than lost on the page.
      expect(await focused()).toEqual({ tag: 'INPUT', name: 'Enter tags', icon: false });
    }

    await page.fill('input[name="title"]', 'Tags removed in the editor');
    await page.fill('input[name="description"]', 'Only one tag left');
    await page.fill('textarea[name="body"]', 'Body.');
    await page.click('button:has-text("Publish Article")');
    await page.waitForURL(/\/article\//);
    await page.waitForSelector('.article-content .tag-list .tag-default');
    expect(await page.locator('.article-content .tag-list .tag-default').allTextContents()).toEqual(['delta']);
  });

  it('sends a signed-out reader who presses Favorite or Follow to /login, and changes nothing', async () => {
    const page = await newPage();
    const login = `${app.baseUrl}/login`;
    for (const [path, button] of [
      ['/', `[data-slug="${article.slug}"] app-favorite-button button`],
      [`/article/${article.slug}`, 'button:has-text("Favorite Article")'],
      [`/article/${article.slug}`, `button:has-text("Follow ${writer.username}")`],
    ]) {
      await page.goto(`${app.baseUrl}${path}`);
      await hydrated(page);
      await page.locator(button).first().click();
      await page.waitForURL(login);
      // The URL changes before the lazy sign-in page renders: wait for its heading, not the address.
      await page.locator('h1:text-is("Sign in")').waitFor();
    }
    const seen = await callApi<{ article: Article }>(app.baseUrl, 'GET', `/articles/${article.slug}`);
    expect(seen.article.favoritesCount).toBe(0);
  });

  it('gives the loading placeholder no .article-preview class: a wait for a preview holds until an article shows', async () => {
    const held = await createArticle(app.baseUrl, writer, 'Behind a held request', ['held']);
    const page = await newPage();
    await page.goto(`${app.baseUrl}/`);
    await hydrated(page);

    // The tag's list request is held, so the list stays in its loading state while the test looks at it.
    let release!: (route: Route) => void;
    const intercepted = new Promise<Route>((resolve) => (release = resolve));
    await page.route(
      (url) => url.pathname === '/api/articles' && url.searchParams.get('tag') === 'held',
      (route) => release(route),
    );
    await page.click('.sidebar a.tag-pill:has-text("held")');
    const route = await intercepted;
    await page.waitForSelector('text=Loading articles...');
    expect(await page.locator('.article-preview').count()).toBe(0);

    const preview = page.waitForSelector('.article-preview');
    await route.continue();
    expect(await (await preview).$eval('h1', (title) => title.textContent)).toBe(held.title);
  });
});
