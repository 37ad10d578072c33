import type { Dialog, Page } from 'playwright-core';
import { hydrated, requireBrowser, saveScreenshot, seriousAxeViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';

jest.setTimeout(90_000);

const PUBLISH = 'button:has-text("Publish Article")';
const PREVIEW = '[data-testid="editor-preview"]';

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('the editor: preview, a draft kept in the browser, and a question before unsaved changes are left, in Chromium (built server)', () => {
  const app = browserSuite();

  async function openAs(account: Account, path: string): Promise<Page> {
    const page = await (await app.newContext({ account, viewport: { width: 1280, height: 800 } })).newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    await page.goto(`${app.baseUrl}${path}`);
    await hydrated(page);
    return page;
  }

  /** Form fields are filled through the `value` property, which no attribute selector sees. */
  const valueOf = (page: Page, selector: string) => page.locator(selector).inputValue();

  it('previews the body with the article page\'s renderer: markdown renders, a <script> and an unsafe link stay inert', async () => {
    const writer = await registerUser(app.baseUrl, 'previewer');
    const page = await openAs(writer, '/editor');
    const body = '## A heading\n\nSome **strong** words <script>window.pwned = 1</script> and [a trap](javascript:window.pwned=2).';
    await page.fill('textarea[name="body"]', body);
    await page.click('button:has-text("Preview")');
    const preview = page.locator(PREVIEW);
    await preview.locator('h2').waitFor();
    expect(await preview.locator('h2').textContent()).toBe('A heading');
    expect(await preview.locator('strong').textContent()).toBe('strong');
    expect(await preview.locator('script').count()).toBe(0);
    expect(await preview.locator('a').count()).toBe(0);
    expect(await preview.textContent()).toContain('<script>window.pwned = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('button:has-text("Preview")').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('textarea[name="body"]').isVisible()).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await saveScreenshot(page, 'editor-preview-desktop');

    await page.click('button:has-text("Write")');
    await page.locator('textarea[name="body"]').waitFor();
    expect(await valueOf(page, 'textarea[name="body"]')).toBe(body);
    expect(await preview.count()).toBe(0);
  });

  it('shows the API\'s refusal of a title of only spaces under the title field', async () => {
    const writer = await registerUser(app.baseUrl, 'blank');
    const page = await openAs(writer, '/editor');
    await page.fill('input[name="title"]', '   ');
    await page.fill('input[name="description"]', 'Has a description');
    await page.fill('textarea[name="body"]', 'Has a body');
    await page.click(PUBLISH);
    await page.locator('#title-error').waitFor();
    expect(await page.locator('#title-error').textContent()).toBe("title can't be blank");
    const title = page.locator('input[name="title"]');
    expect([await title.getAttribute('aria-invalid'), await title.getAttribute('aria-describedby')]).toEqual(['true', 'title-error']);
    expect(await page.locator('.error-messages').count()).toBe(0);
    expect(await page.locator('#description-error, #body-error').count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/editor');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('keeps a draft on the device through a reload, and clears it once the article is published', async () => {
    const writer = await registerUser(app.baseUrl, 'drafter');
    const page = await openAs(writer, '/editor');
    page.on('dialog', (dialog) => void dialog.accept());
    await page.fill('input[name="title"]', 'Drafted before a reload');
    await page.fill('input[name="description"]', 'Kept on the device');
    await page.fill('textarea[name="body"]', 'Not lost.');
    await page.fill('input[placeholder="Enter tags"]', 'drafts');
    await page.press('input[placeholder="Enter tags"]', 'Enter');

    await page.reload();
    await hydrated(page);
    await page.locator('[data-testid="draft-restored"]').waitFor();
    expect(await valueOf(page, 'input[name="title"]')).toBe('Drafted before a reload');
    expect(await valueOf(page, 'input[name="description"]')).toBe('Kept on the device');
    expect(await valueOf(page, 'textarea[name="body"]')).toBe('Not lost.');
    expect(await page.locator('.tag-list .tag-pill').allTextContents()).toEqual([expect.stringContaining('drafts')]);

    await page.click(PUBLISH);
    await page.waitForURL(`${app.baseUrl}/article/drafted-before-a-reload`);
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('conduit:draft:')))).toEqual([]);
    await page.goto(`${app.baseUrl}/editor`);
    await hydrated(page);
    expect(await valueOf(page, 'input[name="title"]')).toBe('');
    expect(await page.locator('[data-testid="draft-restored"]').count()).toBe(0);
  });

  it('keeps the draft of an edit apart from the new article, and "Discard draft" goes back to the article', async () => {
    const writer = await registerUser(app.baseUrl, 'reviser');
    const article = await createArticle(app.baseUrl, writer, 'Edited on the device');
    const page = await openAs(writer, `/editor/${article.slug}`);
    page.on('dialog', (dialog) => void dialog.accept());
    await page.fill('input[name="description"]', 'A change not yet saved');
    await page.goto(`${app.baseUrl}/editor`);
    await hydrated(page);
    expect(await valueOf(page, 'input[name="description"]')).toBe('');

    await page.goto(`${app.baseUrl}/editor/${article.slug}`);
    await hydrated(page);
    await page.locator('[data-testid="draft-restored"]').waitFor();
    expect(await valueOf(page, 'input[name="description"]')).toBe('A change not yet saved');
    await page.click('button:has-text("Discard draft")');
    await page.waitForFunction(() => (document.querySelector('input[name="description"]') as HTMLInputElement).value === 'about Edited on the device');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('conduit:draft:')))).toEqual([]);
  });

  it('going from one article\'s editor straight to another\'s loads the second article, and publishing edits that one', async () => {
    const writer = await registerUser(app.baseUrl, 'hopper');
    const first = await createArticle(app.baseUrl, writer, 'The first of two');
    const second = await createArticle(app.baseUrl, writer, 'The second of two');
    const page = await openAs(writer, `/editor/${first.slug}`);
    expect(await valueOf(page, 'input[name="title"]')).toBe(first.title);

    // An in-app navigation, as a link or a step through the history would make: the router follows the popstate.
    await page.evaluate((path) => {
      history.pushState(null, '', path);
      dispatchEvent(new PopStateEvent('popstate', { state: null }));
    }, `/editor/${second.slug}`);
    await page.waitForFunction((title) => (document.querySelector('input[name="title"]') as HTMLInputElement | null)?.value === title, second.title);
    expect(await valueOf(page, 'input[name="description"]')).toBe(second.description);

    await page.fill('textarea[name="body"]', 'Edited after the hop.');
    await page.click(PUBLISH);
    await page.waitForURL(`${app.baseUrl}/article/${second.slug}`);
    const bodies = await Promise.all([first, second].map(async ({ slug }) => (await (await fetch(`${app.baseUrl}/api/articles/${slug}`)).json()).article.body));
    expect(bodies).toEqual([first.body, 'Edited after the hop.']);
  });

  it('says an article to edit does not exist with the not-found page and a 404, and offers no form to publish', async () => {
    const writer = await registerUser(app.baseUrl, 'lost');
    const context = await app.newContext({ account: writer });
    const page = await context.newPage();
    const response = await page.goto(`${app.baseUrl}/editor/no-such-article`);
    expect(response?.status()).toBe(404);
    await hydrated(page);
    expect(await page.locator('h1').allTextContents()).toEqual(['Article not found']);
    expect(await page.locator('form').count()).toBe(0);
    expect(await page.title()).toContain('Article not found');
  });

  it('when the article to edit fails to load, says so with a retry instead of an empty form, and never posts a new article', async () => {
    const writer = await registerUser(app.baseUrl, 'unlucky');
    const article = await createArticle(app.baseUrl, writer, 'Loaded on the second try');
    const page = await openAs(writer, `/article/${article.slug}`);
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/articles') posts.push(request.url());
    });
    const articleUrl = `${app.baseUrl}/api/articles/${article.slug}`;
    await page.route(articleUrl, (route) => (route.request().method() === 'GET' ? route.fulfill({ status: 503, body: '' }) : route.fallback()));

    await page.click('a:has-text("Edit Article")');
    const failure = page.locator('[data-testid="editor-load-failed"]');
    await failure.waitFor();
    expect(await failure.getAttribute('role')).toBe('alert');
    expect(await failure.textContent()).toContain('could not be loaded');
    expect(await page.locator('form').count()).toBe(0);

    await page.unroute(articleUrl);
    await page.click('button:has-text("Try again")');
    await page.waitForFunction((title) => (document.querySelector('input[name="title"]') as HTMLInputElement | null)?.value === title, article.title);
    await page.fill('textarea[name="body"]', 'Saved after a retry.');
    await page.click(PUBLISH);
    await page.waitForURL(`${app.baseUrl}/article/${article.slug}`);
    expect(posts).toEqual([]);
    expect((await (await fetch(articleUrl)).json()).article.body).toBe('Saved after a retry.');
  });

  it('asks before leaving unsaved changes, in the app and on a reload; staying keeps them, and a clean editor asks nothing', async () => {
    const writer = await registerUser(app.baseUrl, 'leaver');
    const page = await openAs(writer, '/editor');
    const asked: Dialog[] = [];
    let answer = false;
    page.on('dialog', (dialog) => {
      asked.push(dialog);
      void (answer ? dialog.accept() : dialog.dismiss());
    });
    await page.click('a.nav-link:has-text("Home")');
    await page.waitForURL(`${app.baseUrl}/`);
    expect(asked).toEqual([]);

    await page.click('a.nav-link:has-text("New Article")');
    await page.locator('input[name="title"]').waitFor();
    await page.fill('input[name="title"]', 'Half written');
    const question = page.waitForEvent('dialog');
    await page.click('a.nav-link:has-text("Home")');
    await question;
    expect(asked.map((dialog) => [dialog.type(), dialog.message()])).toEqual([['confirm', expect.stringContaining('unsaved changes')]]);
    expect(new URL(page.url()).pathname).toBe('/editor');
    expect(await valueOf(page, 'input[name="title"]')).toBe('Half written');

    answer = true;
    await page.reload();
    expect(asked.map((dialog) => dialog.type())).toEqual(['confirm', 'beforeunload']);
    await hydrated(page);
    await page.click('a.nav-link:has-text("Home")');
    await page.waitForURL(`${app.baseUrl}/`);
    expect(asked.map((dialog) => dialog.type())).toEqual(['confirm', 'beforeunload', 'confirm']);
  });
});
