// Lighthouse 12.2.3 on the home, article and profile pages of the production build: a measurement, not a test.
// Usage: npm run build && node test/browser/lighthouse.mjs   (prints one score line per page and category)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

async function startServer() {
  const dataDir = mkdtempSync(join(tmpdir(), 'conduit-lighthouse-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(repoRoot, 'dist/api/apps/api/src/main.js')], {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), METRICS_PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'production', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ready, fail) => {
    child.once('exit', (code) => fail(new Error(`server exited (${code}) before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => line.includes(`listening on http://localhost:${port}`) && ready());
  });
  return {
    baseUrl: `http://localhost:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function api(baseUrl, method, path, body, token) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) };
  const res = await fetch(`${baseUrl}/api${path}`, { method, headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

async function seed(baseUrl) {
  const { user } = await api(baseUrl, 'POST', '/users', { user: { username: 'lighthouse', email: 'lighthouse@example.com', password: 'correct horse battery' } });
  let slug;
  for (let i = 1; i <= 12; i++) {
    const { article } = await api(baseUrl, 'POST', '/articles', {
      article: {
        title: `Measuring a live app, part ${i}`,
        description: 'What Lighthouse sees on a server-rendered page that goes live after hydration.',
        body: `## Part ${i}\n\nServer rendering gives the first paint; the socket keeps it **current**.\n\n- cursors\n- resume\n- reset`,
        tagList: ['live', 'ssr', `part${i}`],
      },
    }, user.token);
    slug = article.slug;
  }
  await api(baseUrl, 'POST', `/articles/${slug}/comments`, { comment: { body: 'Measured and found fast.' } }, user.token);
  return { slug, username: user.username };
}

const server = await startServer();
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
