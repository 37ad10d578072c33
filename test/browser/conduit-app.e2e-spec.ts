import type { Page } from 'playwright-core';
import { SESSION_COOKIE } from '@conduit/contract';
import { hydrated, requireBrowser, saveScreenshot, seriousAxeViolations } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { callApi, deleteComment, favorite, follow, postComment } from './rest-fixtures';

jest.setTimeout(90_000);

const LIST = '[data-testid="article-list"]';
const PREVIEW = '[data-testid="article-preview"]';
const LIVE = '[data-testid="live-status"][data-status="live"]';
const COMMENTS = '.card:not(.comment-form) .card-block';
/** How soon an action in one browser must show in another. */
const LIVE_WITHIN_MS = 3_000;

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('Conduit web app in Chromium (built server)', () => {
  const app = browserSuite();

  async function newPage(options: { account?: Account; javaScript?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Page> {
    const context = await app.newContext({ javaScriptEnabled: options.javaScript ?? true, viewport: options.viewport ?? DESKTOP, account: options.account });
    const page = await context.newPage();
    page.on('pageerror', (error) => process.stderr.write(`page error: ${error.message}\n`));
    return page;
  }

  function slugOnTop(page: Page, slug: string): Promise<unknown> {
    return page.waitForFunction(
      ([list, item, expected]) => document.querySelector(`${list} ${item}`)?.getAttribute('data-slug') === expected,
      [LIST, PREVIEW, slug] as const,
      { timeout: LIVE_WITHIN_MS },
    );
  }

  /** Form fields are filled through the `value` property, which no attribute selector sees. */
  function fieldHolds(page: Page, selector: string, value: string): Promise<unknown> {
    return page.waitForFunction(
      ([field, expected]) => (document.querySelector(field) as HTMLInputElement | null)?.value === expected,
      [selector, value] as const,
    );
  }

  const author = () => registerUser(app.baseUrl, 'author');

  it('journey: sign up, write, edit, comment and delete it, favorite and follow, update settings, delete the article, log out', async () => {
    const other = await author();
    const theirs = await createArticle(app.baseUrl, other, 'Somebody else wrote this', ['journey']);
    const page = await newPage();
    const username = `journey_${Date.now().toString(36)}`;

    await page.goto(`${app.baseUrl}/register`);
    await hydrated(page);
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="email"]', `${username}@example.com`);
    await page.fill('input[name="password"]', 'correct horse battery');
    await page.click('form button[type="submit"]');
    await page.waitForSelector('a.nav-link:has-text("Your Feed")');
    const session = (await page.context().cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
    expect(session?.httpOnly).toBe(true);

    // Write.
    await page.click('a.nav-link:has-text("New Article")');
    await page.fill('input[name="title"]', 'My journey article');
    await page.fill('input[name="description"]', 'What a journey');
    await page.fill('textarea[name="body"]', '## A heading\n\nSome **strong** words.');
    await page.fill('input[placeholder="Enter tags"]', 'travel');
    await page.press('input[placeholder="Enter tags"]', 'Enter');
    await page.click('button:has-text("Publish Article")');
    await page.waitForSelector('h1:has-text("My journey article")');
    expect(new URL(page.url()).pathname).toBe('/article/my-journey-article');
    expect(await page.locator('.article-content h2').textContent()).toBe('A heading');
    expect(await page.locator('.article-content strong').textContent()).toBe('strong');
    expect(await page.locator('.article-content .tag-pill').allTextContents()).toEqual(['travel']);

    // Edit.
    await page.locator('a:has-text("Edit Article")').first().click();
    await fieldHolds(page, 'input[name="title"]', 'My journey article');
    await page.fill('input[name="description"]', 'An edited journey');
    await page.click('button:has-text("Publish Article")');
    await page.waitForURL(/\/article\//);
    await page.waitForSelector(`meta[name="description"][content="An edited journey"]`, { state: 'attached' });
    const ownSlug = new URL(page.url()).pathname.split('/').pop()!;

    // Comment, then delete it.
    await page.waitForSelector(LIVE);
    await page.fill('textarea[placeholder="Write a comment..."]', 'First!');
    await page.click('button:has-text("Post Comment")');
    await page.waitForSelector(`${COMMENTS}:has-text("First!")`);
    expect(await page.locator(COMMENTS).count()).toBe(1);
    await page.click('.mod-options button');
    await page.waitForSelector(`${COMMENTS}:has-text("First!")`, { state: 'detached' });

    // Favorite and follow somebody else.
    await page.goto(`${app.baseUrl}/article/${theirs.slug}`);
    await page.waitForSelector(LIVE);
    await page.locator('button.btn-outline-primary:has-text("Favorite Article")').first().click();
    await page.waitForSelector('button.btn-primary:has-text("Unfavorite Article (1)")');
    await page.locator(`button:has-text("Follow ${other.username}")`).first().click();
    await page.waitForSelector(`button:has-text("Unfollow ${other.username}")`);
    const seenByApi = await callApi<{ article: { favorited: boolean; author: { following: boolean } } }>(app.baseUrl, 'GET', `/articles/${theirs.slug}`, session!.value);
    expect(seenByApi.article).toMatchObject({ favorited: true, author: { following: true } });

    await page.goto(`${app.baseUrl}/profile/${username}/favorites`);
    await page.waitForSelector(`${PREVIEW}[data-slug="${theirs.slug}"]`);
    expect(await page.locator(PREVIEW).count()).toBe(1);

    // Settings.
    await page.goto(`${app.baseUrl}/settings`);
    // The journey is the hydrated app's; a submit before hydration is native-forms.e2e-spec's case.
    await hydrated(page);
    await page.fill('textarea[name="bio"]', 'I write about journeys.');
    await page.click('button:has-text("Update Settings")');
    await page.waitForSelector('.user-info .bio:has-text("I write about journeys.")');
    await page.waitForSelector(`${PREVIEW}[data-slug="${ownSlug}"]`);

    // Delete the article: gone from the list at once, from the server once the undo window has passed.
    await page.goto(`${app.baseUrl}/article/${ownSlug}`);
    await hydrated(page);
    const deleted = page.waitForResponse((response) => response.request().method() === 'DELETE' && response.url().endsWith(`/api/articles/${ownSlug}`));
    await page.locator('button:has-text("Delete Article")').first().click();
    await page.waitForURL(`${app.baseUrl}/`);
    await page.waitForSelector(LIST);
    expect(await page.locator(`${PREVIEW}[data-slug="${ownSlug}"]`).count()).toBe(0);
    expect((await deleted).ok()).toBe(true);
    expect((await fetch(`${app.baseUrl}/api/articles/${ownSlug}`)).status).toBe(404);

    // Log out.
    await page.goto(`${app.baseUrl}/settings`);
    await page.click('button.btn-outline-danger:has-text("Or click here to logout")');
    await page.waitForSelector('a.nav-link:has-text("Sign in")');
    expect((await page.context().cookies()).map((cookie) => cookie.name)).not.toContain(SESSION_COOKIE);
  });

  it('two readers in two browsers see each other live: new article, favorite count, comment added and removed, edit, deletion', async () => {
    const [writer, reader] = await Promise.all([author(), registerUser(app.baseUrl, 'reader')]);
    const [a, b] = await Promise.all([newPage({ account: writer }), newPage({ account: reader })]);
    await Promise.all([a.goto(`${app.baseUrl}/editor`), b.goto(`${app.baseUrl}/`)]);
    await Promise.all([hydrated(a), b.waitForSelector(LIVE)]);

    // A publishes through the editor; B's home page shows it on top.
    await a.fill('input[name="title"]', 'Written while you watch');
    await a.fill('input[name="description"]', 'Live from the editor');
    await a.fill('textarea[name="body"]', 'Hello, watcher.');
    await a.click('button:has-text("Publish Article")');
    await a.waitForSelector('h1:has-text("Written while you watch")');
    const slug = new URL(a.url()).pathname.split('/').pop()!;
    await slugOnTop(b, slug);

    // A watches the home page; B favorites from its own home page; A's count moves.
    await a.goto(`${app.baseUrl}/`);
    await a.waitForSelector(LIVE);
    const countOnA = a.locator(`${PREVIEW}[data-slug="${slug}"] [data-testid="favorites-count"]`);
    expect(await countOnA.textContent()).toBe('0');
    await b.click(`${PREVIEW}[data-slug="${slug}"] app-favorite-button button`);
    await b.waitForSelector(`${PREVIEW}[data-slug="${slug}"] button.btn-primary`);
    await a.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent === '1',
      `${PREVIEW}[data-slug="${slug}"] [data-testid="favorites-count"]`,
      { timeout: LIVE_WITHIN_MS },
    );

    // Both on the article; B comments, A sees it; B deletes it, A sees it go.
    await Promise.all([a.goto(`${app.baseUrl}/article/${slug}`), b.goto(`${app.baseUrl}/article/${slug}`)]);
    await Promise.all([a.waitForSelector(LIVE), b.waitForSelector(LIVE)]);
    await b.fill('textarea[placeholder="Write a comment..."]', 'Watching from the other browser');
    await b.click('button:has-text("Post Comment")');
    await a.waitForSelector(`${COMMENTS}:has-text("Watching from the other browser")`, { timeout: LIVE_WITHIN_MS });
    // A deletion leaves once its undo window has passed: A sees it go from then on.
    const commentDeleted = b.waitForResponse((response) => response.request().method() === 'DELETE', { timeout: 15_000 });
    await b.click('.mod-options button');
    await commentDeleted;
    await a.waitForSelector(`${COMMENTS}:has-text("Watching from the other browser")`, { state: 'detached', timeout: LIVE_WITHIN_MS });
    expect(await b.locator(COMMENTS).count()).toBe(0);

    // A edits the article; B sees the new title. A deletes it; B is told.
    await a.locator('a:has-text("Edit Article")').first().click();
    await fieldHolds(a, 'input[name="title"]', 'Written while you watch');
    await a.fill('input[name="description"]', 'Edited while you watch');
    await a.fill('textarea[name="body"]', 'Hello again, watcher.');
    await a.click('button:has-text("Publish Article")');
    await b.waitForSelector('.article-content:has-text("Hello again, watcher.")', { timeout: LIVE_WITHIN_MS });
    await a.waitForSelector(LIVE);
    const articleDeleted = a.waitForResponse((response) => response.request().method() === 'DELETE', { timeout: 15_000 });
    await a.locator('button:has-text("Delete Article")').first().click();
    await articleDeleted;
    await b.waitForSelector('[data-testid="article-deleted"]', { timeout: LIVE_WITHIN_MS });
    expect(await b.locator('textarea[placeholder="Write a comment..."]').count()).toBe(0);
  });

  it("keeps the signed-in reader's feed live: a followed author's new article shows, another author's does not", async () => {
    const [followed, stranger, reader] = await Promise.all([author(), author(), registerUser(app.baseUrl, 'reader')]);
    await follow(app.baseUrl, reader, followed.username);
    const before = await createArticle(app.baseUrl, followed, 'In the feed before the page opened');
    const page = await newPage({ account: reader });
    await page.goto(`${app.baseUrl}/?feed=following`);
    await page.waitForSelector(LIVE);
    expect(await page.locator('a.nav-link.active:has-text("Your Feed")').count()).toBe(1);

    await createArticle(app.baseUrl, stranger, 'Not from anyone followed');
    const after = await createArticle(app.baseUrl, followed, 'Into the feed while it is open');
    await slugOnTop(page, after.slug);
    expect(await page.$$eval(`${LIST} ${PREVIEW}`, (items) => items.map((item) => item.getAttribute('data-slug')))).toEqual([after.slug, before.slug]);
  });

  it('server-renders the article page completely: with JavaScript off it shows title, description, markdown body and comments', async () => {
    const writer = await author();
    const article = await createArticle(app.baseUrl, writer, 'Rendered on the server', ['ssr'], '## Section\n\nText with <script>window.pwned = 1</script> **markup**, [a link](/), [one](vbscript:msgbox(1)) and [another](data:text/html,x).');
    await postComment(app.baseUrl, writer, article.slug, 'A comment in the HTML');

    const response = await fetch(`${app.baseUrl}/article/${article.slug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Rendered on the server — Conduit</title>');
    expect(html).toContain(`<meta name="description" content="about Rendered on the server">`);
    expect(html).toContain('A comment in the HTML');
    // The body's script survives only as escaped data in the transfer state, never as markup.
    expect(html).not.toContain('<script>window.pwned');

    const page = await newPage({ javaScript: false });
    await page.goto(`${app.baseUrl}/article/${article.slug}`);
    expect(await page.locator('h1[data-testid="article-title"]').textContent()).toBe('Rendered on the server');
    expect(await page.locator('.article-content h2').textContent()).toBe('Section');
    expect(await page.locator('.article-content strong').textContent()).toBe('markup');
    expect(await page.locator('.article-content script').count()).toBe(0);
    // Only http(s), mailto and relative links reach an href; the others keep their text.
    expect(await page.locator('.article-body a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(['/']);
    expect(await page.locator('.article-body').textContent()).toContain('one and another');
    expect(await page.locator(COMMENTS).allTextContents()).toEqual([expect.stringContaining('A comment in the HTML')]);
    expect(await page.locator('.article-meta .author').first().textContent()).toBe(writer.username);
    // The byline's avatar and .info are flex items of .article-meta only while its host generates no box.
    expect(await page.locator('.article-meta app-author-byline').first().evaluate((host) => getComputedStyle(host).display)).toBe('contents');

    const missing = await fetch(`${app.baseUrl}/article/no-such-article`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Article not found');
  });

  it("renders the signed-in reader's own view on the server, from the cookie, without writing the token into the page", async () => {
    const [writer, reader] = await Promise.all([author(), registerUser(app.baseUrl, 'reader')]);
    const article = await createArticle(app.baseUrl, writer, 'Favorited before the visit');
    await favorite(app.baseUrl, reader, article.slug);

    const response = await fetch(`${app.baseUrl}/article/${article.slug}`, { headers: { cookie: `${SESSION_COOKIE}=${reader.token}` } });
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const html = await response.text();
    expect(html).not.toContain(reader.token);

    const page = await newPage({ account: reader, javaScript: false });
    await page.goto(`${app.baseUrl}/article/${article.slug}`);
    expect(await page.locator(`.navbar a.nav-link:has-text("${reader.username}") img.user-pic`).count()).toBe(1);
    expect(await page.locator('button.btn-primary:has-text("Unfavorite Article (1)")').count()).toBe(2);
    expect(await page.locator('textarea[placeholder="Write a comment..."]').count()).toBe(1);
    await page.goto(`${app.baseUrl}/`);
    expect(await page.locator('a.nav-link:has-text("Your Feed")').count()).toBe(1);
  });

  it('makes no API request after hydration: the server-rendered answers are reused, signed in or not', async () => {
    const [writer, reader] = await Promise.all([author(), registerUser(app.baseUrl, 'reader')]);
    await follow(app.baseUrl, reader, writer.username);
    const article = await createArticle(app.baseUrl, writer, 'Fetched once');
    await postComment(app.baseUrl, reader, article.slug, 'Also fetched once');

    for (const [account, path] of [
      [undefined, `/article/${article.slug}`],
      [reader, `/article/${article.slug}`],
      [reader, '/?feed=following'],
      [undefined, `/profile/${writer.username}`],
    ] as const) {
      const page = await newPage({ account });
      const requests: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) requests.push(`${request.method()} ${request.url()}`);
      });
      await page.goto(`${app.baseUrl}${path}`);
      await page.waitForSelector(LIVE);
      expect({ path, signedIn: Boolean(account), requests }).toEqual({ path, signedIn: Boolean(account), requests: [] });
      expect(await page.locator(PREVIEW).count() + (await page.locator(COMMENTS).count())).toBeGreaterThan(0);
    }
  });

  it('has no serious or critical axe-core violation on any page, on a desktop and a phone (and saves the screenshots)', async () => {
    const writer = await author();
    const reader = await registerUser(app.baseUrl, 'reader');
    const article = await createArticle(app.baseUrl, writer, 'Accessible by everyone', ['a11y', 'live'], '## Why\n\nBecause *everyone* reads.\n\n- one\n- two');
    await postComment(app.baseUrl, reader, article.slug, 'Agreed, and it stays live.');
    const comment = await postComment(app.baseUrl, writer, article.slug, 'This one goes away.');
    await deleteComment(app.baseUrl, writer, article.slug, comment.id);
    await favorite(app.baseUrl, reader, article.slug);
    for (const title of ['Streams and cursors', 'Server rendering without flashes']) await createArticle(app.baseUrl, writer, title, ['live']);

    const pages: Array<{ path: string; account?: Account; shot?: string }> = [
      { path: '/', shot: 'home' },
      { path: '/tag/live' },
      { path: '/login', shot: 'sign-in' },
      { path: '/register' },
      { path: `/article/${article.slug}`, shot: 'article' },
      { path: `/profile/${writer.username}`, shot: 'profile' },
      { path: `/profile/${writer.username}/favorites` },
      { path: '/no/such/page' },
      { path: '/?feed=following', account: reader, shot: 'your-feed' },
      { path: `/article/${article.slug}`, account: writer, shot: 'article-author' },
      { path: '/editor', account: writer, shot: 'editor' },
      { path: `/editor/${article.slug}`, account: writer },
      { path: '/settings', account: writer, shot: 'settings' },
    ];
    const found: Record<string, unknown> = {};
    for (const [device, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      for (const { path, account, shot } of pages) {
        const page = await newPage({ account, viewport });
        await page.goto(`${app.baseUrl}${path}`);
        await hydrated(page);
        const violations = await seriousAxeViolations(page);
        if (violations.length) found[`${device} ${path}${account ? ' (signed in)' : ''}`] = violations;
        if (shot) await saveScreenshot(page, `${shot}-${device}`);
        await page.context().close();
      }
    }
    expect(found).toEqual({});
  });
});
