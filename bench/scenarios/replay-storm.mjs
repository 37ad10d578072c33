import autocannon from 'autocannon';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { median, start } from '../lib/processes.mjs';
import { restWriter } from '../lib/rest-writer.mjs';
import { freshStore, startApp } from './end-to-end.mjs';

const here = new URL('..', import.meta.url).pathname;

/** Requests per second of the readers: a steady pace, as readers browse (latency, not throughput). */
const READS_PER_SECOND = 50;

function browse(url, seconds) {
  return new Promise((resolve, reject) =>
    autocannon({ url, connections: 4, overallRate: READS_PER_SECOND, duration: seconds }, (error, result) =>
      error ? reject(error) : resolve({ p50: result.latency.p50, p99: result.latency.p99, requests: result.requests.total, errors: result.errors + result.non2xx }),
    ),
  );
}

async function rssBytes(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

/** Samples the RSS of `pid` every 50 ms until stopped; resolves with the peak. */
function peakRss(pid) {
  let peak = 0;
  let sampling = true;
  const done = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssBytes(pid));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return peak;
  })();
  return () => ((sampling = false), done);
}

async function seed(baseUrl, changes) {
  const writer = await restWriter(baseUrl, 'storm');
  let next = 0;
  const write = async () => {
    for (let i = next++; i < changes; i = next++) {
      await writer.postArticle({ title: `History ${i}`, description: 'An article of the history the storm replays', body: 'Body. '.repeat(100), tagList: ['bench', `tag${i % 5}`] });
    }
  };
  await Promise.all(Array.from({ length: 8 }, write));
}

/**
 * The replay storm of issue 18: `sockets` sockets subscribe to `articles` from cursor "0" over a
 * history of `changes` articles, again and again, while readers GET /api/articles at a steady 50/s.
 * Their latency beside the same load on the idle server (medians over the rounds), and the
 * server's RSS before the first storm and at its peak.
 */
export async function replayStorm({ sockets, changes, seconds, rounds }) {
  const storage = await freshStore('sqlite');
  const app = await startApp(storage.env);
  const pid = app.app.child.pid;
  let storm;
  try {
    await seed(app.baseUrl, changes);
    const url = `${app.baseUrl}/api/articles`;
    storm = start(process.execPath, [join(here, 'load/replay-storm.cjs'), app.wsUrl, String(sockets), String(changes)]);
    await storm.line('READY', 60_000);
    await browse(url, 3);
    const idle = [];
    const during = [];
    const replayed = [];
    const rssBefore = await rssBytes(pid);
    let rssPeak = 0;
    // Idle and storm alternate, so that what else the machine does weighs on both alike.
    for (let round = 0; round < rounds; round++) {
      idle.push(await browse(url, seconds));
      const stopSampling = peakRss(pid);
      storm.send('go');
      await storm.line('STORMING', 60_000);
      during.push(await browse(url, seconds));
      storm.send('stop');
      replayed.push(JSON.parse(await storm.line('RESULT')));
      rssPeak = Math.max(rssPeak, await stopSampling());
    }
    const med = (runs, key) => median(runs.map((run) => run[key]));
    // A stalled server completes few requests, and latency figures of few requests flatter it.
    const total = (runs, key) => runs.reduce((sum, run) => sum + run[key], 0);
    return {
      sockets,
      changes,
      seconds,
      rounds,
      readsPerSecond: READS_PER_SECOND,
      offered: rounds * seconds * READS_PER_SECOND,
      idle: { p50: med(idle, 'p50'), p99: med(idle, 'p99'), requests: total(idle, 'requests'), errors: total(idle, 'errors') },
      during: { p50: med(during, 'p50'), p99: med(during, 'p99'), requests: total(during, 'requests'), errors: total(during, 'errors') },
      rssBefore,
      rssPeak,
      replays: total(replayed, 'replays'),
      megabytesPerSecond: med(replayed.map((run) => ({ rate: run.megabytes / run.seconds })), 'rate'),
      runs: { idle, during, replayed },
    };
  } finally {
    storm?.send('exit');
    await storm?.exited;
    await app.app.stop();
    await storage.drop();
  }
}
