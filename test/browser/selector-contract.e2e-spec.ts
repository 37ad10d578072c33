import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Article } from '@conduit/contract';
import { hydrated, requireBrowser } from '../support/browser';
import { browserSuite } from '../support/browser-suite';
import { createArticle, registerUser, type Account } from '../support/realworld-client';
import { favorite, follow, postComment } from './rest-fixtures';

jest.setTimeout(180_000);

const contractFile = join(process.env.SHARED_DIR ?? join(__dirname, '..', '..', '..', 'shared'), 'realworld', 'frontend-e2e-selectors.md');

/**
 * The rows of the RealWorld selector contract, as selectors: form inputs as written, CSS classes by class
 * (the suite never selects them by element, and the app's element differs where HTML asks for a list, e.g.
 * `ul.tag-list`), texts as `element:has-text("text")`, and page routes as written. The API endpoints are
 * the REST suites' business (`npm run test:realworld`): a full-stack app's pages never intercept them.
 */
function contractRows(markdown: string): { sections: string[]; selectors: string[]; routes: string[] } {
  const sections: string[] = [];
  const selectors: string[] = [];
  const routes: string[] = [];
  let section = '';
  let table = '';
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) sections.push((section = line.slice(3).trim()));
    if (line.startsWith('### ')) table = line.slice(4).trim();
    const cells = line.startsWith('| `') ? line.split('|').slice(1, -1).map((cell) => cell.trim()) : null;
    if (!cells) continue;
    const quoted = (cell: string) => Array.from(cell.matchAll(/`([^`]+)`/g), (match) => match[1]);
    if (section.startsWith('Form Inputs')) selectors.push(...quoted(cells[0]));
    else if (section === 'CSS Classes') selectors.push(...quoted(cells[0]));
    else if (section === 'Required Text Content') selectors.push(...quoted(cells[0]).map((text) => `${quoted(cells[1])[0]}:has-text("${text}")`));
    else if (section === 'Routes' && table === 'Pages') routes.push(...quoted(cells[0]));
  }
  return { sections, selectors, routes };
}

type View =
  | 'home' | 'homePage2' | 'emptyFeed' | 'login' | 'loginRefused' | 'register' | 'settings' | 'editor' | 'editorWithTag'
  | 'articleAsStranger' | 'articleAsFan' | 'articleAsAuthor' | 'ownProfile';

/** Where a reader meets each row of the contract. */
const contractPlaces: Record<string, View[]> = {
  'input[name="username"]': ['register', 'settings'],
  'input[name="email"]': ['login', 'register', 'settings'],
  'input[name="password"]': ['login', 'register', 'settings'],
  'input[name="title"]': ['editor'],
  'input[name="description"]': ['editor'],
  'textarea[name="body"]': ['editor'],
  'input[name="image"]': ['settings'],
  'textarea[name="bio"]': ['settings'],
  'input[placeholder="Enter tags"]': ['editor'],
  'textarea[placeholder="Write a comment..."]': ['articleAsStranger'],
  '.navbar': ['home'],
  '.navbar-brand': ['home'],
  '.nav-link': ['home'],
  '.banner': ['home'],
  '.container': ['home'],
  '.feed-toggle': ['home'],
  '.article-preview': ['home'],
  '.article-meta': ['home', 'articleAsStranger'],
  '.article-content': ['articleAsStranger'],
  '.article-page': ['articleAsStranger'],
  '.preview-link': ['home'],
  '.author': ['home', 'articleAsStranger'],
  '.empty-feed-message': ['emptyFeed'],
  '.sidebar': ['home'],
  '.tag-list': ['home', 'articleAsStranger'],
  '.tag-default': ['home', 'articleAsStranger'],
  '.tag-pill': ['home', 'articleAsStranger'],
  '.card': ['articleAsStranger'],
  '.card-block': ['articleAsStranger'],
  '.comment-form': ['articleAsStranger'],
  '.comment-author-img': ['articleAsStranger'],
  '.mod-options': ['articleAsAuthor'],
  '.ion-trash-a': ['articleAsAuthor'],
  '.profile-page': ['ownProfile'],
  '.user-info': ['ownProfile'],
  '.user-img': ['ownProfile'],
  '.user-pic': ['emptyFeed'],
  '.pagination': ['home'],
  '.page-item': ['home'],
  '.btn-outline-primary': ['articleAsStranger'],
  '.btn-primary': ['articleAsFan'],
  '.btn-outline-danger': ['settings'],
  '.error-messages': ['loginRefused'],
  'button:has-text("Post Comment")': ['articleAsStranger'],
  'button:has-text("Delete Article")': ['articleAsAuthor'],
  'button:has-text("Publish Article")': ['editor'],
  'button:has-text("Update Settings")': ['settings'],
  'button:has-text("Or click here to logout")': ['settings'],
  'button:has-text("Follow")': ['articleAsStranger'],
  'button:has-text("Unfollow")': ['articleAsFan'],
  'button:has-text("Favorite")': ['articleAsStranger'],
  'button:has-text("Unfavorite")': ['articleAsFan'],
  'button:has-text("Favorite Article")': ['articleAsStranger'],
  'h1:has-text("Sign in")': ['login'],
  'h1:has-text("Sign up")': ['register'],
  'a.nav-link:has-text("Global Feed")': ['home'],
  'a.nav-link:has-text("Your Feed")': ['emptyFeed'],
  'a:has-text("Favorited")': ['ownProfile'],
  'a:has-text("Edit Article")': ['articleAsAuthor'],
  'a:has-text("Edit Profile Settings")': ['ownProfile'],
  'a.nav-link:has-text("Home")': ['home'],
};

/**
 * What the official suite (realworld-apps/realworld `specs/e2e/`) selects beyond the contract, or more strictly:
 * Playwright's locators are strict, so where it reads `page.locator('h4')` the page must hold exactly one.
 */
const suitePlaces: Array<{ selector: string; view: View; exactly?: number }> = [
  { selector: '.article-preview .preview-link > h1:first-child', view: 'home' },
  // `preview.locator('p')`: the description is a preview's only paragraph (10 previews on a page).
  { selector: '.article-preview p', view: 'home', exactly: 10 },
  { selector: '.article-preview .tag-list .tag-default', view: 'home' },
  { selector: 'nav.navbar', view: 'home' },
  { selector: 'a[href="/login"]', view: 'home' },
  { selector: 'a[href="/register"]', view: 'home' },
  { selector: '.page-item.active', view: 'homePage2' },
  { selector: 'nav a[href^="/profile/"]', view: 'emptyFeed' },
  { selector: 'a[href="/editor"]', view: 'emptyFeed' },
  { selector: 'button[type="submit"]', view: 'login', exactly: 1 },
  { selector: 'button[type="submit"]', view: 'register', exactly: 1 },
  { selector: 'button[type="submit"]', view: 'settings', exactly: 1 },
  { selector: '.error-messages li', view: 'loginRefused' },
  { selector: '.tag-list .tag-pill i', view: 'editorWithTag' },
  { selector: '.tag-list .tag-default i', view: 'editorWithTag' },
  { selector: 'h1', view: 'articleAsStranger', exactly: 1 },
  { selector: '.card:not(.comment-form) .card-block', view: 'articleAsStranger' },
  { selector: '.article-content .tag-list .tag-default', view: 'articleAsStranger' },
  { selector: '.card i.ion-trash-a', view: 'articleAsAuthor' },
  { selector: 'h4', view: 'ownProfile', exactly: 1 },
  { selector: '.user-info h4', view: 'ownProfile' },
  { selector: '.user-info a[href="/settings"]', view: 'ownProfile' },
];

const describeWithBrowser = requireBrowser() ? describe : describe.skip;

describeWithBrowser('the RealWorld front-end selector contract (frontend-e2e-selectors.md), in Chromium (built server)', () => {
  const contract = contractRows(readFileSync(contractFile, 'utf8'));
  const app = browserSuite();
  let writer: Account;
  let fan: Account;
  let stranger: Account;
  let featured: Article;

  beforeAll(async () => {
    [writer, fan, stranger] = await Promise.all(['writer', 'fan', 'stranger'].map((prefix) => registerUser(app.baseUrl, prefix)));
    // Eleven more on the tag `paged`, so that the feed and the tag have a second page.
    for (let i = 1; i <= 11; i++) await createArticle(app.baseUrl, writer, `Paged article ${i}`, ['paged']);
    featured = await createArticle(app.baseUrl, writer, 'The featured article', ['contract'], 'A body without a heading.');
    await postComment(app.baseUrl, writer, featured.slug, 'A comment of its author.');
    await favorite(app.baseUrl, fan, featured.slug);
    await follow(app.baseUrl, fan, writer.username);
  });

  const views: Record<View, { path: () => string; account?: () => Account; then?: (page: Page) => Promise<unknown> }> = {
    home: { path: () => '/' },
    homePage2: { path: () => '/?page=2' },
    emptyFeed: { path: () => '/?feed=following', account: () => stranger },
    login: { path: () => '/login' },
    loginRefused: {
      path: () => '/login',
      then: async (page) => {
        await page.fill('input[name="email"]', 'nobody@example.com');
        await page.fill('input[name="password"]', 'not the password');
        await page.click('button[type="submit"]');
      },
    },
    register: { path: () => '/register' },
    settings: { path: () => '/settings', account: () => writer },
    editor: { path: () => '/editor', account: () => writer },
    editorWithTag: {
      path: () => '/editor',
      account: () => writer,
      then: async (page) => {
        await page.fill('input[placeholder="Enter tags"]', 'contract');
        await page.press('input[placeholder="Enter tags"]', 'Enter');
      },
    },
    articleAsStranger: { path: () => `/article/${featured.slug}`, account: () => stranger },
    articleAsFan: { path: () => `/article/${featured.slug}`, account: () => fan },
    articleAsAuthor: { path: () => `/article/${featured.slug}`, account: () => writer },
    ownProfile: { path: () => `/profile/${writer.username}`, account: () => writer },
  };

  async function open(view: View): Promise<Page> {
    const { path, account, then } = views[view];
    const page = await (await app.newContext({ account: account?.() })).newPage();
    await page.goto(`${app.baseUrl}${path()}`);
    await hydrated(page);
    await then?.(page);
    return page;
  }

  /** The selectors of `expected` that the view does not show (or not as many times as asked). */
  async function missing(view: View, expected: Array<{ selector: string; exactly?: number }>): Promise<string[]> {
    const page = await open(view);
    const absent: string[] = [];
    for (const { selector, exactly } of expected) {
      const shown = page.locator(selector);
      // A view may still be rendering what came after hydration (a form's errors): wait a moment for the first.
      const visible = await shown.first().waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
      const count = await shown.count();
      if (!visible || (exactly !== undefined && count !== exactly)) absent.push(`${view}: ${selector} (${visible ? count : 'not visible'})`);
    }
    return absent;
  }

  it('reads a contract with the sections it knows, and has a place for each of its selectors', () => {
    expect(contract.sections).toEqual([
      'Form Inputs (`name` attributes)', 'CSS Classes', 'Required Text Content', 'Routes',
      'Debug Interface (`window.__conduit_debug__`)', 'LocalStorage', 'Default Avatar', 'Button State Conventions',
    ]);
    expect([...contract.selectors].sort()).toEqual(Object.keys(contractPlaces).sort());
  });

  it("shows every selector of the contract, and every one the official suite uses beyond it, on the page where it belongs", async () => {
    const byView = new Map<View, Array<{ selector: string; exactly?: number }>>();
    const place = (view: View, entry: { selector: string; exactly?: number }) => byView.set(view, [...(byView.get(view) ?? []), entry]);
    for (const [selector, places] of Object.entries(contractPlaces)) for (const view of places) place(view, { selector });
    for (const { view, ...entry } of suitePlaces) place(view, entry);
    const absent: string[] = [];
    for (const [view, expected] of byView) absent.push(...(await missing(view, expected)));
    expect(absent).toEqual([]);
  });

  it('serves every page route of the contract with its page', async () => {
    const proofs: Record<string, { path: string; account?: Account; shows: string }> = {
      '/': { path: '/', shows: '.feed-toggle a.nav-link.active:has-text("Global Feed")' },
      '/?feed=following': { path: '/?feed=following', account: stranger, shows: 'a.nav-link.active:has-text("Your Feed")' },
      '/?page=N': { path: '/?page=2', shows: '.page-item.active:has-text("2")' },
      '/tag/:tag': { path: '/tag/paged', shows: 'a.nav-link.active:has-text("paged")' },
      '/tag/:tag?page=N': { path: '/tag/paged?page=2', shows: '.page-item.active:has-text("2")' },
      '/login': { path: '/login', shows: 'h1:has-text("Sign in")' },
      '/register': { path: '/register', shows: 'h1:has-text("Sign up")' },
      '/editor': { path: '/editor', account: writer, shows: 'button:has-text("Publish Article")' },
      '/editor/:slug': { path: `/editor/${featured.slug}`, account: writer, shows: 'h1:has-text("Edit article")' },
      '/settings': { path: '/settings', account: writer, shows: 'button:has-text("Update Settings")' },
      '/profile/:username': { path: `/profile/${writer.username}`, shows: `.user-info h4:has-text("${writer.username}")` },
      '/profile/:username/favorites': { path: `/profile/${fan.username}/favorites`, shows: `.article-preview h1:has-text("${featured.title}")` },
      '/article/:slug': { path: `/article/${featured.slug}`, shows: `.article-page h1:has-text("${featured.title}")` },
    };
    expect([...contract.routes].sort()).toEqual(Object.keys(proofs).sort());
    const absent: string[] = [];
    for (const [route, { path, account, shows }] of Object.entries(proofs)) {
      const page = await (await app.newContext({ account })).newPage();
      const response = await page.goto(`${app.baseUrl}${path}`);
      const shown = await page.locator(shows).first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (response?.status() !== 200 || !shown) absent.push(`${route}: ${response?.status()}, ${shown ? 'shown' : `no ${shows}`}`);
    }
    expect(absent).toEqual([]);
  });

  // The contract's token in localStorage (`jwtToken`) and in getToken() gives way to the http-only session
  // cookie: no script may read the token (issue 11). The rest of the debug interface stays.
  it('keeps the debug interface, without any token, and the default avatar of the contract', async () => {
    const page = await open('articleAsStranger');
    const seen = await page.evaluate(() => {
      const debug = (window as unknown as { __conduit_debug__: { getToken(): string | null; getAuthState(): string; getCurrentUser(): object | null } }).__conduit_debug__;
      return { token: debug.getToken(), state: debug.getAuthState(), user: debug.getCurrentUser(), stored: localStorage.getItem('jwtToken') };
    });
    expect(seen).toEqual({
      token: null,
      state: 'authenticated',
      user: { username: stranger.username, email: stranger.email, bio: null, image: null, token: null },
      stored: null,
    });
    const avatars = await page.$$eval('.user-pic, .comment-author-img, .article-meta img', (images) => images.map((image) => image.getAttribute('src')));
    expect(avatars.length).toBeGreaterThan(2);
    for (const src of avatars) expect(src).toContain('default-avatar.svg');
  });
});
