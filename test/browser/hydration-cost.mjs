// The main thread's long tasks while a page loads and hydrates, on a phone-sized Chromium with a 4x CPU
// slowdown (Lighthouse's mobile setting), for two or more builds side by side, runs alternating so a
// loaded machine slows them alike: a measurement, not a test.
// Usage: node test/browser/hydration-cost.mjs [--runs 5] [--path /] [--profile] NAME=WORKTREE NAME=WORKTREE ...
//   each WORKTREE holds a build (`npm run build`: its dist/); --profile adds, per build, where the page's
//   script time went, by the innermost line of the app's own code on the stack (the build needs source
//   maps: `ng build web --source-map`).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { SourceMapConsumer } from 'source-map';
import { seed, startServer } from './measured-app.mjs';

const { values: options, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, path: { type: 'string', default: '/' }, profile: { type: 'boolean', default: false } },
});
const builds = positionals.map((arg) => {
  const [name, dir] = arg.split('=');
  return { name, dir: resolve(dir) };
});
if (builds.length === 0) throw new Error('name at least one build: NAME=WORKTREE');

const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const LONG_TASK_MS = 50;
/** After hydration, how long the trace goes on: work deferred to the browser's idle time belongs in it too. */
const AFTER_HYDRATION_MS = 3_000;

/** The renderer's top-level tasks from a trace, and the first contentful paint, in ms since navigation. */
function mainThreadTasks(traceEvents) {
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && traceEvents.some((t) => t.pid === e.pid && t.name === 'firstContentfulPaint'));
  if (!main) throw new Error('no renderer main thread with a first contentful paint in the trace');
  const onMain = traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid);
  const start = onMain.find((e) => e.name === 'navigationStart')?.ts ?? Math.min(...onMain.map((e) => e.ts).filter(Boolean));
  const fcp = (onMain.find((e) => e.name === 'firstContentfulPaint').ts - start) / 1000;
  const tasks = onMain
    .filter((e) => e.ph === 'X' && e.name === 'RunTask')
    .map((e) => ({ at: (e.ts - start) / 1000, ms: e.dur / 1000, cpu: (e.tdur ?? 0) / 1000 }))
    .filter((task) => task.at >= 0);
  return { fcp, tasks };
}

const sourceMaps = new Map();
/** "app/shared/time/clock.ts start" for a frame of the app's own code, through the build's source map; null for the rest. */
async function appFrame(dir, { url, lineNumber, columnNumber }) {
  if (!url.startsWith('http')) return null;
  const file = join(dir, 'dist/web/browser', new URL(url).pathname);
  if (!sourceMaps.has(file)) sourceMaps.set(file, existsSync(`${file}.map`) ? await new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null);
  const position = sourceMaps.get(file)?.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
  if (!position?.source || position.source.includes('node_modules')) return null;
  return `${position.source.replace(/^.*apps\/web\/src\//, '')}:${position.line}`;
}

/**
 * Script time (ms) of a CPU profile from `from` (µs, the profile's clock) on, by the innermost frame of
 * the app's own code on the stack: what the app asked for, framework work included.
 */
async function scriptTimeByAppFrame(dir, profile, from, phaseAt) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map(profile.nodes.flatMap((node) => (node.children ?? []).map((child) => [child, node.id])));
  const owners = new Map();
  const owner = async (id) => {
    if (!owners.has(id)) {
      const node = nodes.get(id);
      const parent = parents.get(id);
      const special = ['(idle)', '(program)', '(garbage collector)'].includes(node.callFrame.functionName) && node.callFrame.functionName;
      owners.set(id, special || (await appFrame(dir, node.callFrame)) || (parent === undefined ? '(framework, no app frame)' : await owner(parent)));
    }
    return owners.get(id);
  };
  const byFrame = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at < from) continue;
    const key = `${phaseAt(at)} ${await owner(profile.samples[i])}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  }
  for (const key of [...byFrame.keys()]) if (key.endsWith('(idle)')) byFrame.delete(key);
  return byFrame;
}

async function measure(browser, build) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  if (options.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // Hydration takes the server's `ngh` attributes off: the task that takes off the first is the hydration task.
  await page.addInitScript(() => {
    const removeAttribute = Element.prototype.removeAttribute;
    Element.prototype.removeAttribute = function (name) {
      if (name === 'ngh' && window.__hydrationAt === undefined) window.__hydrationAt = performance.now();
      return removeAttribute.call(this, name);
    };
  });
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading'] });
  await page.goto(`${build.server.baseUrl}${options.path}`);
  await page.waitForFunction(() => document.querySelector('[ngh]') === null && window.__conduit_debug__ !== undefined, null, { timeout: 60_000 });
  await page.waitForTimeout(AFTER_HYDRATION_MS);
  const hydrationAt = await page.evaluate(() => window.__hydrationAt);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const { fcp, tasks } = mainThreadTasks(traceEvents);
  const hydration = tasks.find((task) => task.at <= hydrationAt && hydrationAt <= task.at + task.ms) ?? { ms: NaN, cpu: NaN };
  const result = {
    hydration: hydration.ms,
    // Thread time: what the task cost the CPU, whatever else the machine runs (the slowdown is not in it).
    hydrationCpu: hydration.cpu,
    longest: tasks.reduce((a, b) => Math.max(a, b.ms), 0),
    cpu: tasks.reduce((sum, task) => sum + task.cpu, 0),
    blocking: tasks.filter((task) => task.at >= fcp).reduce((sum, task) => sum + Math.max(0, task.ms - LONG_TASK_MS), 0),
    long: tasks.filter((task) => task.ms >= LONG_TASK_MS).map((task) => `${Math.round(task.ms)}@${Math.round(task.at)}`),
  };
  if (options.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    // The profile and the trace share the monotonic clock, in µs.
    const navigationStart = traceEvents.find((e) => e.name === 'navigationStart').ts;
    const hydrationFrom = navigationStart + hydration.at * 1000;
    const hydrationTo = hydrationFrom + hydration.ms * 1000;
    const phaseAt = (at) => (at < hydrationFrom ? 'before' : at <= hydrationTo ? 'hydration' : 'after');
    result.files = await scriptTimeByAppFrame(build.dir, profile, navigationStart, phaseAt);
  }
  await context.close();
  return result;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

for (const build of builds) {
  build.server = await startServer(build.dir);
  await seed(build.server.baseUrl);
  build.results = [];
}
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (let run = 0; run < Number(options.runs); run++) {
    for (const build of run % 2 ? [...builds].reverse() : builds) {
      const result = await measure(browser, build);
      build.results.push(result);
      console.log(`${build.name.padEnd(8)} run ${run + 1}: hydration task ${Math.round(result.hydration)} ms (CPU ${Math.round(result.hydrationCpu)} ms), longest task ${Math.round(result.longest)} ms, blocking after FCP ${Math.round(result.blocking)} ms, ` +
        `all tasks' CPU ${Math.round(result.cpu)} ms, long tasks (ms@ms) ${result.long.join(' ')}`);
    }
  }
  for (const build of builds) {
    const middle = (key) => Math.round(median(build.results.map((result) => result[key])));
    console.log(`${build.name.padEnd(8)} median of ${build.results.length}: hydration task ${middle('hydration')} ms (CPU ${middle('hydrationCpu')} ms), longest task ${middle('longest')} ms, blocking after FCP ${middle('blocking')} ms, ` +
      `all tasks' CPU ${middle('cpu')} ms`);
    if (!options.profile) continue;
    const total = new Map();
    for (const { files } of build.results) for (const [file, ms] of files) total.set(file, (total.get(file) ?? 0) + ms / build.results.length);
    for (const [file, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${file}`);
  }
} finally {
  await browser.close();
  for (const build of builds) await build.server.stop();
}
