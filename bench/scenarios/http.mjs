import autocannon from 'autocannon';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { restWriter } from '../lib/rest-writer.mjs';
import { endToEnd, freshStore, startApp } from './end-to-end.mjs';

const root = new URL('../..', import.meta.url).pathname;
const STATIC_PAGE = 'bench-home.html';
/** The session cookie's name over plain http (libs/contract/src/session-cookie.ts). */
const SESSION_COOKIE = 'conduit_session';

/** Load for `seconds`, or for `amount` requests when given. */
function load(url, { connections, seconds, amount, headers = {} }) {
  const length = amount === undefined ? { duration: seconds } : { amount };
  return new Promise((resolve, reject) =>
    autocannon({ url, connections, ...length, headers }, (error, result) => (error ? reject(error) : resolve(result))),
  );
}

/** A reader's session cookie, as the browser app holds it after signing in (the cookie's value is the token). */
async function signedInReader(baseUrl) {
  const name = `reader${Date.now()}`;
  const res = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: { username: name, email: `${name}@bench.example`, password: 'benchmark password' } }),
  });
  if (!res.ok) throw new Error(`register: ${res.status}`);
  const { user } = await res.json();
  const headers = { cookie: `${SESSION_COOKIE}=${user.token}` };
  // What is measured must be the reader's own view, rendered on the server: never the signed-out page.
  const page = await (await fetch(`${baseUrl}/`, { headers })).text();
  if (!page.includes(`/profile/${name}`)) throw new Error('the signed-in home page does not show the reader');
  return headers;
}

async function seed(baseUrl, articles) {
  const writer = await restWriter(baseUrl, 'seed');
  for (let i = 0; i < articles; i++) {
    await writer.postArticle({ title: `Seeded article ${i}`, description: 'A seeded article for the benchmarks', body: 'Body. '.repeat(50), tagList: ['bench', `tag${i % 5}`] });
  }
}

const summary = (result) => ({ perSecond: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx });

/**
 * Requests/s and latency of: the home page (20 articles) rendered by SSR with and without the page
 * cache and for a signed-in reader, the same page as a static file from the same process (the
 * ceiling), and the REST list.
 */
export async function http({ connections, seconds, rounds, quick = false }) {
  const results = {};
  // The render pool's own baseline is the same app rendering on its main thread (SSR_WORKERS=0).
  for (const setup of ['cached', 'uncached', 'one thread']) {
    const storage = await freshStore('sqlite');
    const env = { ...storage.env, WEB_DIST_DIR: join(root, 'dist/web'), SSR_CACHE: String(setup !== 'uncached') };
    const app = await startApp(setup === 'one thread' ? { ...env, SSR_WORKERS: '0' } : env);
    const staticFile = join(root, 'dist/web/browser', STATIC_PAGE);
    try {
      await seed(app.baseUrl, 20);
      const measure = async (label, url, headers) => {
        // A warm-up; --quick warms with a few requests per connection rather than for a second.
        await load(url, { connections, ...(quick ? { amount: connections * 5 } : { seconds: 1 }), headers });
        const runs = [];
        for (let i = 0; i < rounds; i++) runs.push(summary(await load(url, { connections, seconds, headers })));
        runs.sort((a, b) => a.perSecond - b.perSecond);
        results[label] = runs[Math.floor(runs.length / 2)];
      };
      if (setup === 'cached') {
        writeFileSync(staticFile, await (await fetch(`${app.baseUrl}/`)).text());
        await measure('static file (ceiling)', `${app.baseUrl}/${STATIC_PAGE}`);
        await measure('SSR, page cache', `${app.baseUrl}/`);
        await measure('REST GET /api/articles?limit=20', `${app.baseUrl}/api/articles?limit=20`);
        // Never cached: a signed-in reader's page is rendered for every request.
        await measure('SSR, signed-in reader', `${app.baseUrl}/`, await signedInReader(app.baseUrl));
      } else if (setup === 'uncached') {
        await measure('SSR, no cache', `${app.baseUrl}/`);
      } else {
        await measure('SSR, signed-in reader, SSR_WORKERS=0', `${app.baseUrl}/`, await signedInReader(app.baseUrl));
      }
    } finally {
      rmSync(staticFile, { force: true });
      await app.app.stop();
      await storage.drop();
    }
  }
  return results;
}

/**
 * The live stream while the same instance renders signed-in pages: insert-to-receipt of `rate` articles/s to
 * `subscribers` sockets, with `connections` readers loading the home page all along, rendered on the worker
 * pool (the default) and on the thread that also writes to the sockets (SSR_WORKERS=0).
 */
export async function liveWhileRendering({ subscribers, rate, seconds, connections }) {
  const results = {};
  for (const [label, workers] of [['render workers', null], ['SSR_WORKERS=0', '0']]) {
    const env = { WEB_DIST_DIR: join(root, 'dist/web'), ...(workers === null ? {} : { SSR_WORKERS: workers }) };
    results[label] = await endToEnd({
      store: 'sqlite',
      subscribers,
      rate,
      seconds,
      env,
      alongside: async ({ baseUrl }) => {
        await seed(baseUrl, 20);
        const headers = await signedInReader(baseUrl);
        let finish;
        const done = new Promise((resolve, reject) => (finish = (error, result) => (error ? reject(error) : resolve(result))));
        const pages = autocannon({ url: `${baseUrl}/`, connections, duration: 3600, headers }, finish);
        return async () => {
          pages.stop();
          return summary(await done);
        };
      },
    });
  }
  return results;
}
