import autocannon from 'autocannon';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { restWriter } from '../lib/rest-writer.mjs';
import { freshStore, startApp } from './end-to-end.mjs';

const root = new URL('../..', import.meta.url).pathname;
const STATIC_PAGE = 'bench-home.html';

function load(url, { connections, seconds }) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result))),
  );
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
 * cache, the same page as a static file from the same process (the ceiling), and the REST list.
 */
export async function http({ connections, seconds, rounds }) {
  const results = {};
  for (const ssrCache of ['true', 'false']) {
    const storage = await freshStore('sqlite');
    const app = await startApp({ ...storage.env, WEB_DIST_DIR: join(root, 'dist/web'), SSR_CACHE: ssrCache });
    const staticFile = join(root, 'dist/web/browser', STATIC_PAGE);
    try {
      await seed(app.baseUrl, 20);
      const measure = async (label, url) => {
        await load(url, { connections, seconds: 1 });
        const runs = [];
        for (let i = 0; i < rounds; i++) runs.push(summary(await load(url, { connections, seconds })));
        runs.sort((a, b) => a.perSecond - b.perSecond);
        results[label] = runs[Math.floor(runs.length / 2)];
      };
      if (ssrCache === 'true') {
        writeFileSync(staticFile, await (await fetch(`${app.baseUrl}/`)).text());
        await measure('static file (ceiling)', `${app.baseUrl}/${STATIC_PAGE}`);
        await measure('SSR, page cache', `${app.baseUrl}/`);
        await measure('REST GET /api/articles?limit=20', `${app.baseUrl}/api/articles?limit=20`);
      } else {
        await measure('SSR, no cache', `${app.baseUrl}/`);
      }
    } finally {
      rmSync(staticFile, { force: true });
      await app.app.stop();
      await storage.drop();
    }
  }
  return results;
}
