// A built app on a free port, seeded alike for the page measurements (lighthouse.mjs, hydration-cost.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

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

/** The production build of the worktree `dir` (its dist/), on a free port, with a store of its own. */
export async function startServer(dir) {
  const dataDir = mkdtempSync(join(tmpdir(), 'conduit-measured-'));
  const port = await freePort();
  const child = spawn(process.execPath, [join(dir, 'dist/api/apps/api/src/main.js')], {
    cwd: dir,
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

/** Twelve articles and a comment by one author: the pages both measurements load. */
export async function seed(baseUrl) {
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
