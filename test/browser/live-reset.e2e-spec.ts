import type { Browser, BrowserContext, Route } from 'playwright-core';
import { Client } from 'pg';
import { within } from '../support/api-cluster';
import { hydrated, launchBrowser, requireBrowser } from '../support/browser';
import { postgresProblem, testDatabaseUrl } from '../support/postgres';
import { createArticle, registerUser } from '../support/realworld-client';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { requireOrSkip } from '../support/service-availability';

jest.setTimeout(90_000);

const KEEP = 1000;
const PREVIEW = '[data-testid="article-list"] [data-testid="article-preview"]';

const problem = postgresProblem();
const describeWithServices = requireBrowser() && requireOrSkip('PostgreSQL', problem === null, problem ?? '') ? describe : describe.skip;

// Postgres, so that the test can fill the stream past retention with one statement while the page waits.
describeWithServices('a home page whose cursor retention removed (Chromium, built server on Postgres)', () => {
  let browser: Browser;
  let server: ServerProcess;
  let database: Client;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    [browser, server] = await Promise.all([
      launchBrowser(),
      startServerProcess({ STREAM_RETENTION_MAX_CHANGES: String(KEEP), STREAM_RETENTION_PRUNE_INTERVAL_MS: '100' }, { store: 'postgres' }),
    ]);
    database = new Client({ connectionString: testDatabaseUrl });
    await database.connect();
    await database.query(`SET search_path TO "${server.databaseSchema}"`);
  });
  afterAll(async () => {
    await context?.close();
    await database?.end();
    await browser?.close();
    await server?.stop();
  });

  /** The newest cursor retention removed. */
  const floor = async (): Promise<bigint> => BigInt((await database.query<{ cursor: string }>('SELECT cursor FROM stream_floor')).rows[0]?.cursor ?? '0');

  it('takes the reset, shows a new snapshot with what it missed, and goes on live from there, without a reload', async () => {
    const author = await registerUser(server.baseUrl, 'kept');
    const rendered = await createArticle(server.baseUrl, author, 'In the rendered page');
    const head = BigInt((await fetch(`${server.baseUrl}/api/articles`)).headers.get('x-stream-cursor')!);

    // The page is rendered and delivered, its scripts held: it has its cursor and has not subscribed yet.
    context = await browser.newContext();
    const page = await context.newPage();
    const held: Route[] = [];
    let released = false;
    await page.route('**/*.js', (route) => void (released ? route.continue() : held.push(route)));
    // Not 'domcontentloaded': that waits for the module scripts, which are held.
    await page.goto(`${server.baseUrl}/`, { waitUntil: 'commit' });
    await page.locator(PREVIEW).first().waitFor();
    expect(await page.locator(PREVIEW).first().getAttribute('data-slug')).toBe(rendered.slug);

    // Meanwhile an article the page does not show, and enough changes elsewhere that the prune timer
    // removes the page's cursor.
    const missed = await createArticle(server.baseUrl, author, 'Written while the page loaded');
    await database.query(
      `INSERT INTO stream_change (topic, type, entity, key, audience, payload, "createdAt")
       SELECT 'filler', 'created', 'filler', 'filler-' || n, NULL, NULL, $1 FROM generate_series(1, $2::int) AS n`,
      [Date.now(), KEEP + 100],
    );
    await within(15_000, 'the prune timer passing the page cursor', (async () => {
      // Polls a table no event announces; the interval only spares the machine.
      while ((await floor()) <= head) await new Promise((resolve) => setTimeout(resolve, 50));
    })());

    const resets: unknown[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { event: string; data: unknown };
        if (frame.event === 'reset') resets.push(frame.data);
      }),
    );
    released = true;
    for (const route of held) await route.continue();
    await hydrated(page);

    // The reset made it fetch a snapshot, which holds what it missed, and subscribe again from it.
    await page.locator(`${PREVIEW}[data-slug="${missed.slug}"]`).waitFor({ timeout: 15_000 });
    expect(resets).toEqual([{ topic: 'articles', reason: `cursor ${head} is older than the changes kept` }]);
    const live = await createArticle(server.baseUrl, author, 'Written after the reset');
    await page.locator(`${PREVIEW}[data-slug="${live.slug}"]`).waitFor({ timeout: 15_000 });
    const slugs = await page.$$eval(PREVIEW, (items) => items.map((item) => item.getAttribute('data-slug')));
    expect(slugs.slice(0, 3)).toEqual([live.slug, missed.slug, rendered.slug]);
    expect(new Set(slugs).size).toBe(slugs.length);
  });
});
