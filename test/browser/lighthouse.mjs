// Lighthouse 12.2.3 on the home, article and profile pages of the production build: a measurement, not a test.
// Usage: npm run build && node test/browser/lighthouse.mjs [WORKTREE]   (prints one score line per page and category)
//   WORKTREE: another checkout's build (its dist/) rather than this one's, e.g. to compare with main's.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { seed, startServer } from './measured-app.mjs';

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

const server = await startServer(process.argv[2] ? resolve(process.argv[2]) : repoRoot);
const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags });
try {
  const { slug, username } = await seed(server.baseUrl);
  const pages = [['home', '/'], ['article', `/article/${slug}`], ['profile', `/profile/${username}`]];
  // Lighthouse's default is a throttled mid-range phone (slow 4G, 4x CPU slowdown); desktop is the second pass.
  for (const [[name, path], config] of [undefined, desktopConfig].flatMap((config) => pages.map((page) => [page, config]))) {
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories };
    const result = await lighthouse(`${server.baseUrl}${path}`, flags, config);
    const scores = categories.map((id) => `${id} ${Math.round(result.lhr.categories[id].score * 100)}`).join(', ');
    console.log(`${name.padEnd(8)} ${config ? 'desktop' : 'mobile '} ${scores}`);
    for (const audit of Object.values(result.lhr.audits)) {
      if (audit.score !== null && audit.score < 0.9 && audit.scoreDisplayMode === 'binary') console.log(`  failed: ${audit.id}: ${audit.title}`);
    }
    const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']
      .map((id) => `${id} ${result.lhr.audits[id].displayValue}`).join(', ');
    console.log(`  ${metrics}`);
  }
} finally {
  await chrome.kill();
  await server.stop();
}
