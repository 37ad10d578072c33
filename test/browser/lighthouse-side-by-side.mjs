// Lighthouse's mobile performance of two or more builds side by side: a measurement, not a test. One run of
// lighthouse.mjs moves by ±4 points on this 2-core machine, so "no worse than before" needs many runs,
// alternating between the builds so that whatever else the machine does falls on both alike.
// Usage: node test/browser/lighthouse-side-by-side.mjs [--runs 9] [--pages home,article,profile] NAME=WORKTREE NAME=WORKTREE ...
//   WORKTREE: a checkout with a build (its dist/). Prints each run, then per page and build the median and
//   mean score and Total Blocking Time.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { seed, startServer } from './measured-app.mjs';

const { values: options, positionals } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, pages: { type: 'string', default: 'home,article,profile' } },
  allowPositionals: true,
});
const builds = positionals.map((pair) => {
  const [name, dir] = pair.split('=');
  if (!name || !dir) throw new Error(`expected NAME=WORKTREE, got ${pair}`);
  return { name, dir: resolve(dir) };
});
if (builds.length < 2) throw new Error('give two or more NAME=WORKTREE builds to compare');
const pageNames = options.pages.split(',');
const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Per build and page: the scores and blocking times of the runs that completed. */
const results = new Map(builds.flatMap(({ name }) => pageNames.map((page) => [`${name} ${page}`, { scores: [], tbt: [], failed: 0 }])));

const chrome = await chromeLauncher.launch({ chromePath: '/usr/bin/chromium', chromeFlags });
const servers = [];
try {
  for (const build of builds) {
    const server = await startServer(build.dir);
    servers.push(server);
    const { slug, username } = await seed(server.baseUrl);
    const paths = { home: '/', article: `/article/${slug}`, profile: `/profile/${username}` };
    build.urls = pageNames.map((page) => [page, `${server.baseUrl}${paths[page]}`]);
  }
  for (let run = 1; run <= Number(options.runs); run++) {
    for (const build of builds) {
      for (const [page, url] of build.urls) {
        const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
        const result = results.get(`${build.name} ${page}`);
        const score = lhr.categories.performance.score;
        // A run Lighthouse could not finish (score null: no paint seen in time) is counted, not averaged in.
        if (score === null) {
          result.failed++;
          console.log(`run ${run} ${build.name.padEnd(8)} ${page.padEnd(8)} failed: ${lhr.runtimeError?.code ?? 'no score'}`);
          continue;
        }
        const tbt = lhr.audits['total-blocking-time'].numericValue;
        result.scores.push(Math.round(score * 100));
        result.tbt.push(tbt);
        console.log(`run ${run} ${build.name.padEnd(8)} ${page.padEnd(8)} performance ${Math.round(score * 100)}, TBT ${Math.round(tbt)} ms`);
      }
    }
  }
  console.log('\nbuild    page     runs  performance median (mean)  TBT median (mean)');
  for (const [key, { scores, tbt, failed }] of results) {
    if (!scores.length) {
      console.log(`${key}: no completed run`);
      continue;
    }
    const [build, page] = key.split(' ');
    console.log(
      `${build.padEnd(8)} ${page.padEnd(8)} ${String(scores.length).padStart(4)}${failed ? ` (+${failed} failed)` : ''}  ` +
        `${median(scores)} (${mean(scores).toFixed(1)})  ${Math.round(median(tbt))} ms (${Math.round(mean(tbt))} ms)`,
    );
  }
} finally {
  await chrome.kill();
  for (const server of servers) await server.stop();
}
