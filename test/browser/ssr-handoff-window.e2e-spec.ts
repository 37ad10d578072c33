import type { Page, Route } from 'playwright-core';
import { requireBrowser } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser } from '../support/realworld-client';
import { updateArticle } from './rest-fixtures';

jest.setTimeout(60_000);

const PREVIEW = '[data-testid="article-list"] [data-testid="article-preview"]';
const LIVE = '[data-testid="live-status"][data-status="live"]';

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

/** The slugs of the home list, top first, as the page shows them now. */
const listedSlugs = (page: Page) => page.$$eval(PREVIEW, (items) => items.map((item) => item.getAttribute('data-slug') ?? ''));

const titleOf = (page: Page, slug: string) => page.locator(`${PREVIEW}[data-slug="${slug}"] .title`).textContent();

/**
 * Holds every script the page loads until `release()`: the HTML is parsed and shown, but nothing hydrates
 * and no socket opens, as on a slow network between the server's render and the browser's subscribe.
 */
async function holdScripts(page: Page): Promise<{ firstHeld: Promise<void>; release(): Promise<void> }> {
  const held: Route[] = [];
  let holding = true;
  let onFirst!: () => void;
  const firstHeld = new Promise<void>((resolve) => (onFirst = resolve));
  await page.route(
    (url) => url.pathname.endsWith('.js'),
    async (route) => {
      if (!holding) return route.continue();
      held.push(route);
      onFirst();
    },
  );
  return {
    firstHeld,
    async release() {
      holding = false;
      await Promise.all(held.map((route) => route.continue()));
    },
  };
}

describeWithBrowser('the handoff from the server-rendered page to the live stream, in Chromium (built server)', () => {
  const suite = browserSuite();

  it('applies what was written between the render and the subscribe, once each, without fetching the list again', async () => {
    const author = await registerUser(suite.baseUrl, 'handoff');
    const edited = await createArticle(suite.baseUrl, author, 'To be edited in the window');
    const untouched = await createArticle(suite.baseUrl, author, 'Left alone');

    const page = await (await suite.newContext()).newPage();
    const listRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/articles') listRequests.push(`${request.method()} ${request.url()}`);
    });
    const scripts = await holdScripts(page);

    const response = await page.goto(`${suite.baseUrl}/`, { waitUntil: 'commit' });
    // The whole server-rendered page (its list and its snapshot's cursor) is in the browser, and no script has run.
    await response!.finished();
    await scripts.firstHeld;
    expect(await listedSlugs(page)).toEqual([untouched.slug, edited.slug]);
    expect(await page.locator('[ngh]').count()).toBeGreaterThan(0);

    // The window: written after the render, before the client exists to subscribe.
    const created = await createArticle(suite.baseUrl, author, 'Posted in the window');
    await updateArticle(suite.baseUrl, author, edited.slug, { title: 'Edited in the window' });
    expect(await listedSlugs(page)).toEqual([untouched.slug, edited.slug]);

    await scripts.release();
    await page.waitForSelector(LIVE);
    await page.waitForFunction(
      ([preview, slug, title]) => document.querySelector(preview)?.getAttribute('data-slug') === slug &&
        document.querySelector(`${preview}[data-slug="${title[0]}"] .title`)?.textContent?.trim() === title[1],
      [PREVIEW, created.slug, [edited.slug, 'Edited in the window']] as const,
      { timeout: 10_000 },
    ).catch(async () => {
      throw new Error(`the window's writes never showed: the list is ${JSON.stringify(await listedSlugs(page))}, the edited title "${await titleOf(page, edited.slug)}"`);
    });

    // A change after the window arrives behind the window's own, in cursor order: had either come twice, it would show by now.
    const after = await createArticle(suite.baseUrl, author, 'Posted once live');
    await page.waitForFunction(([preview, slug]) => document.querySelector(preview)?.getAttribute('data-slug') === slug, [PREVIEW, after.slug] as const);

    expect(await listedSlugs(page)).toEqual([after.slug, created.slug, untouched.slug, edited.slug]);
    expect((await titleOf(page, edited.slug))?.trim()).toBe('Edited in the window');
    expect(listRequests).toEqual([]);
  });
});
