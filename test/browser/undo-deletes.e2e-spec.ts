import type { Page, Request } from 'playwright-core';
import type { Comment } from '@conduit/contract';
import { hydrated, requireBrowser, seriousAxeViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { postComment } from './rest-fixtures';

jest.setTimeout(90_000);

const UNDO = '[data-testid="undo-deletion"] button:has-text("Undo")';
const COMMENT = '[data-testid="comment"]';
/** The undo window of the app (`UNDO_WINDOW_MS`). */
const UNDO_WINDOW_MS = 5_000;

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('deleting an article or a comment, with a 5 s undo, in Chromium (built server)', () => {
  const app = browserSuite();

  async function openAs(account: Account, path: string): Promise<Page> {
    const context = await app.newContext({ account });
    // On Playwright's clock the test moves the undo window on at once rather than waiting 5 s. The clock still
    // runs by itself meanwhile (pausing it would stop Angular's rendering too), so each window is taken back
    // or checked a few steps after it opened.
    await context.clock.install();
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    await page.goto(`${app.baseUrl}${path}`);
    await hydrated(page);
    return page;
  }

  const status = async (path: string) => (await fetch(`${app.baseUrl}/api${path}`)).status;
  const commentIds = async (slug: string) =>
    ((await (await fetch(`${app.baseUrl}/api/articles/${slug}/comments`)).json()) as { comments: Comment[] }).comments.map((c) => c.id);
  const deletes = (page: Page): Request[] => {
    const sent: Request[] = [];
    page.on('request', (request) => {
      if (request.method() === 'DELETE') sent.push(request);
    });
    return sent;
  };
  /** Resolves once `check` holds, asking again as the server settles (a keepalive request has no page left to tell). */
  async function until(check: () => Promise<boolean>, what: string): Promise<void> {
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`never: ${what}`);
  }

  it('deletes an article only once the 5 s undo window has passed; Undo within it keeps the article', async () => {
    const writer = await registerUser(app.baseUrl, 'undoer');
    const article = await createArticle(app.baseUrl, writer, 'Almost deleted');
    const page = await openAs(writer, `/article/${article.slug}`);
    const sent = deletes(page);
    const preview = page.locator(`[data-testid="article-preview"][data-slug="${article.slug}"]`);

    await page.locator('button:has-text("Delete Article")').first().click();
    await page.waitForURL(`${app.baseUrl}/`);
    await page.locator(UNDO).waitFor();
    expect(await page.locator('[data-testid="undo-deletion"]').textContent()).toContain('Article “Almost deleted” deleted.');
    expect(await preview.count()).toBe(0);
    await page.click(UNDO);
    await preview.waitFor();
    await page.clock.runFor(2 * UNDO_WINDOW_MS);
    expect(sent).toEqual([]);
    expect(await status(`/articles/${article.slug}`)).toBe(200);

    await page.goto(`${app.baseUrl}/article/${article.slug}`);
    await hydrated(page);
    await page.locator('button:has-text("Delete Article")').first().click();
    await page.locator(UNDO).waitFor();
    expect(sent).toEqual([]);
    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await page.clock.runFor(UNDO_WINDOW_MS);
    expect((await deleted).ok()).toBe(true);
    expect(await status(`/articles/${article.slug}`)).toBe(404);
    await page.locator('[data-testid="undo-deletion"]').waitFor({ state: 'detached' });
    expect(await preview.count()).toBe(0);
  });

  it('deletes a comment after the undo window, Undo brings it back, and a failed DELETE puts it back and says why', async () => {
    const writer = await registerUser(app.baseUrl, 'commenter');
    const article = await createArticle(app.baseUrl, writer, 'Comments with undo');
    const [kept, gone] = [await postComment(app.baseUrl, writer, article.slug, 'Kept by undo'), await postComment(app.baseUrl, writer, article.slug, 'Gone for good')];
    const page = await openAs(writer, `/article/${article.slug}`);
    const sent = deletes(page);
    const comment = (id: number) => page.locator(`${COMMENT}[data-id="${id}"]`);

    // From the keyboard: the pressed button goes with its comment, and focus goes to Undo.
    await comment(kept.id).locator('.mod-options button').focus();
    await page.keyboard.press('Enter');
    await comment(kept.id).waitFor({ state: 'detached' });
    expect(await page.locator('.comments-title .count').textContent()).toBe('(1)');
    await page.waitForFunction(() => document.activeElement?.textContent === 'Undo');
    await page.keyboard.press('Enter');
    await comment(kept.id).waitFor();
    await page.clock.runFor(2 * UNDO_WINDOW_MS);
    expect(sent).toEqual([]);

    // The DELETE fails: the comment comes back, with the reason where the undo was.
    await page.route('**/api/articles/*/comments/*', (route) => route.abort('connectionrefused'));
    await comment(gone.id).locator('.mod-options button').click();
    await comment(gone.id).waitFor({ state: 'detached' });
    await page.clock.runFor(UNDO_WINDOW_MS);
    await page.locator('[data-testid="deletion-failed"]:has-text("Comment could not be deleted.")').waitFor();
    await comment(gone.id).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.unroute('**/api/articles/*/comments/*');
    await page.click('[data-testid="deletion-failed"] button:has-text("Dismiss")');
    await comment(gone.id).locator('.mod-options button').click();
    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.ok());
    await page.clock.runFor(UNDO_WINDOW_MS);
    await deleted;
    expect(await commentIds(article.slug)).toEqual([kept.id]);
    expect(await comment(gone.id).count()).toBe(0);
  });

  it('sends a deletion still in its undo window when the page goes away, and keeps the window across in-app navigation', async () => {
    const writer = await registerUser(app.baseUrl, 'goer');
    const article = await createArticle(app.baseUrl, writer, 'Left during the window');
    const [first, second] = [await postComment(app.baseUrl, writer, article.slug, 'Deleted, then reload'), await postComment(app.baseUrl, writer, article.slug, 'Deleted, then browse')];
    const page = await openAs(writer, `/article/${article.slug}`);

    await page.locator(`${COMMENT}[data-id="${first.id}"] .mod-options button`).click();
    await page.locator(UNDO).waitFor();
    await page.reload();
    await until(async () => !(await commentIds(article.slug)).includes(first.id), 'the comment deleted on the way out');
    await hydrated(page);

    await page.locator(`${COMMENT}[data-id="${second.id}"] .mod-options button`).click();
    await page.click('a.nav-link:has-text("Home")');
    await page.waitForURL(`${app.baseUrl}/`);
    await page.locator(UNDO).waitFor();
    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE');
    await page.clock.runFor(UNDO_WINDOW_MS);
    expect((await deleted).ok()).toBe(true);
    expect(await commentIds(article.slug)).toEqual([]);
  });
});
