import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Article } from '@conduit/contract';
import { hydrated, launchBrowser, requireBrowser, signIn } from '../support/browser';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';

jest.setTimeout(60_000);

/** A preview by its article, and the count its ♥ shows. */
const preview = (slug: string) => `[data-testid="article-preview"][data-slug="${slug}"]`;
const countOf = (slug: string) => `${preview(slug)} [data-testid="favorites-count"]`;
/** Angular's marker of server markup not yet claimed: a preview keeps it until it is hydrated. */
const dehydrated = (slug: string) => `${preview(slug)} app-article-preview[ngh]`;

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

// The home page hydrates an article preview only when it scrolls into view (or is clicked), which keeps
// the phone's hydration task short. The live list goes on changing meanwhile: these hold it to showing
// what it has when the preview wakes.
describeWithBrowser('article previews hydrated as they scroll into view (Chromium, built server)', () => {
  let browser: Browser;
  let server: ServerProcess;
  let context: BrowserContext;
  let writer: Account;
  let fan: Account;
  let articles: Article[];

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServerProcess();
    [writer, fan] = [await registerUser(server.baseUrl, 'writer'), await registerUser(server.baseUrl, 'fan')];
    articles = [];
    for (let i = 0; i < 10; i++) articles.push(await createArticle(server.baseUrl, writer, `Lazily hydrated ${i}`));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(() => context?.close());

  const favorite = (article: Article, account: Account) =>
    fetch(`${server.baseUrl}/api/articles/${article.slug}/favorite`, { method: 'POST', headers: { authorization: `Token ${account.token}` } });

  const editBody = (article: Article, body: string) =>
    fetch(`${server.baseUrl}/api/articles/${article.slug}`, {
      method: 'PUT',
      headers: { authorization: `Token ${writer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ article: { body } }),
    });

  async function openArticle(article: Article): Promise<Page> {
    context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/article/${article.slug}`);
    await hydrated(page);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    return page;
  }

  async function openHome(reader?: Account, height = 600): Promise<Page> {
    context = await browser.newContext({ viewport: { width: 1280, height } });
    if (reader) await signIn(context, server.baseUrl, reader.token);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await hydrated(page);
    await page.locator('[data-testid="live-status"][data-status="live"]').waitFor();
    return page;
  }

  it('shows, once scrolled to, the favorites a preview below the fold missed while it slept', async () => {
    const page = await openHome();
    const [newest, oldest] = [articles.at(-1)!, articles[0]];
    // The newest is in view: it wakes on its own (its code came with the page's).
    await page.locator(dehydrated(newest.slug)).waitFor({ state: 'detached' });
    expect(await page.locator(dehydrated(oldest.slug)).count()).toBe(1);

    expect((await favorite(oldest, fan)).status).toBe(200);
    expect((await favorite(newest, fan)).status).toBe(200);
    // Changes are applied in order: once the newest shows its favorite, the oldest's is in the list too.
    await page.locator(countOf(newest.slug)).filter({ hasText: '1' }).waitFor();
    expect((await page.locator(countOf(oldest.slug)).textContent())?.trim()).toBe('0');

    await page.locator(preview(oldest.slug)).scrollIntoViewIfNeeded();
    await page.locator(countOf(oldest.slug)).filter({ hasText: '1' }).waitFor();
    await page.locator(dehydrated(oldest.slug)).waitFor({ state: 'detached' });
  });

  it("leaves an article's body as the server rendered it, and shows an edit of it live, as markdown", async () => {
    const article = await createArticle(server.baseUrl, writer, 'Edited while read', ['live'], 'The **first** body.');
    const page = await openArticle(article);
    expect(await page.locator('.article-body strong').textContent()).toBe('first');

    expect((await editBody(article, 'The *second* body.')).status).toBe(200);
    await page.locator('.article-body em').filter({ hasText: 'second' }).waitFor();
    expect(await page.locator('.article-body strong').count()).toBe(0);
  });

  it("shows an edit of the body as plain text when the markdown code cannot be fetched any more (offline, a deploy since)", async () => {
    const article = await createArticle(server.baseUrl, writer, 'Edited offline', ['live'], 'The **first** body.');
    const page = await openArticle(article);
    await page.route('**/*.js', (route) => route.abort());

    expect((await editBody(article, 'The *second* body.')).status).toBe(200);
    await page.locator('.article-body').filter({ hasText: 'The *second* body.' }).waitFor();
    expect(await page.locator('.article-body strong').count()).toBe(0);
  });

  it('hydrates a sleeping preview on a click and replays the click, with no code fetched once the page is up: the ♥ favorites', async () => {
    const reader = await registerUser(server.baseUrl, 'reader');
    // So short a window that no preview is in view: none has woken, or fetched anything, on its own.
    const page = await openHome(reader, 60);
    expect(await page.locator('app-article-preview:not([ngh])').count()).toBe(0);
    // One of the ten written first, on the first page whatever the other tests add after them.
    const target = articles.at(-2)!;
    expect(await page.locator(dehydrated(target.slug)).count()).toBe(1);
    // A chunk a block fetched only when woken could fail then (offline, a deploy since): Angular would drop
    // the preview's markup and the click. The previews' code comes with the page's, so nothing is fetched.
    const fetchedScripts: string[] = [];
    await page.route('**/*.js', (route) => {
      fetchedScripts.push(route.request().url());
      return route.abort();
    });

    // Dispatched where the preview is, without scrolling it into view: only the click can wake it.
    await page.locator(`${preview(target.slug)} app-favorite-button button`).dispatchEvent('click');
    await page.locator(`${preview(target.slug)} app-favorite-button button[aria-pressed="true"]`).waitFor();
    const read = await fetch(`${server.baseUrl}/api/articles/${target.slug}`, { headers: { authorization: `Token ${reader.token}` } });
    expect(((await read.json()) as { article: Article }).article).toMatchObject({ favorited: true });
    expect(await page.locator(`${preview(target.slug)} .title`).textContent()).toBe(target.title);
    expect(fetchedScripts).toEqual([]);
  });
});
