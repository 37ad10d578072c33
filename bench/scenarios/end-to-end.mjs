import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { cpuMs, start } from '../lib/processes.mjs';

const root = new URL('../..', import.meta.url).pathname;
const here = new URL('..', import.meta.url).pathname;
const main = join(root, 'dist/api/apps/api/src/main.js');
/** The comparison server for writes (servers/comparison.cjs): same env, same listening line. */
export const comparisonMain = join(here, 'servers/comparison.cjs');
export const postgresUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function sql(text) {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A store of its own for one measurement: a SQLite folder or a Postgres schema. */
export async function freshStore(kind) {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'conduit-bench-'));
    return { env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `conduit_bench_${randomBytes(4).toString('hex')}`;
  await sql(`CREATE SCHEMA "${schema}"`);
  return { env: { DATABASE_URL: postgresUrl, DATABASE_SCHEMA: schema }, drop: () => sql(`DROP SCHEMA "${schema}" CASCADE`) };
}

/** The built app (or, given `entry`, another server taking the same env) as a process; resolves once it listens. */
export async function startApp(env, entry = main) {
  const app = start(process.execPath, [entry], {
    // No rate limits: the load comes from one address on purpose.
    env: { ...process.env, PORT: '0', METRICS_PORT: '0', WEB_DIST_DIR: '/nonexistent', JWT_SECRET: 'benchmark secret shared by every instance', NODE_ENV: 'production', THROTTLE_AUTH_LIMIT: '0', THROTTLE_WRITE_LIMIT: '0', WS_MAX_SOCKETS_PER_ADDRESS: '0', ...env },
  });
  const [, port] = await app.line(/listening on http:\/\/localhost:(\d+)/, 120_000);
  return { app, baseUrl: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/ws` };
}

/**
 * `subscribers` sockets spread over the instances; `rate` inserts/s through POST /api/articles on
 * the first instance for `seconds` (or, with rate 0, `count` inserts with `inFlight` always in
 * flight): insert-to-receipt latency and the servers' CPU.
 */
export async function endToEnd({ store, instances = 1, subscribers, rate, seconds, count = rate * seconds, inFlight = 16, entry = main, env = {}, alongside, deliveryDeadlineMs = 60_000 }) {
  const storage = await freshStore(store);
  const shared = { ...storage.env, ...env, ...(instances > 1 ? { REDIS_URL: redisUrl, REDIS_CHANNEL: `conduit-bench:${randomBytes(4).toString('hex')}` } : {}) };
  const apps = [];
  const loads = [];
  let writer;
  let stopAlongside;
  try {
    for (let i = 0; i < instances; i++) apps.push(await startApp(shared, entry));
    // Other load on the first instance (pages, say), set up before any socket subscribes, until the deliveries are in.
    stopAlongside = await alongside?.(apps[0]);
    for (const [i, app] of apps.entries()) {
      const share = Math.floor(subscribers / instances) + (i < subscribers % instances ? 1 : 0);
      const load = start(process.execPath, [join(here, 'load/clients.cjs'), 'ws', app.wsUrl, String(share)]);
      await load.line('READY', 300_000);
      loads.push({ load, share });
    }
    writer = start(process.execPath, [join(here, 'load/writer.cjs'), apps[0].baseUrl, String(rate), String(count), String(inFlight)]);
    await writer.line('READY');
    const armed = loads.map(({ load }) => load.line('ARMED'));
    for (const { load } of loads) load.send(`go ${count}`);
    await Promise.all(armed);
    const results = loads.map(({ load }) => load.line('RESULT', 300_000));
    const cpuBefore = await Promise.all(apps.map(({ app }) => cpuMs(app.child.pid)));
    const startedAt = performance.now();
    writer.send('go');
    const written = JSON.parse(await writer.line('DONE', 300_000));
    const writeElapsed = performance.now() - startedAt;
    const cpuAtDone = await Promise.all(apps.map(({ app }) => cpuMs(app.child.pid)));
    for (const { load } of loads) {
      if (written.written < count) load.send(`expect ${written.written}`);
      // Queued deliveries catch up within seconds; a change missed for good must not hold the run.
      load.send(`deadline ${deliveryDeadlineMs}`);
    }
    const received = (await Promise.all(results)).map((text) => JSON.parse(text));
    const elapsed = performance.now() - startedAt;
    const stopping = stopAlongside;
    stopAlongside = undefined;
    const alongsideResult = await stopping?.();
    const cpuAfter = await Promise.all(apps.map(({ app }) => cpuMs(app.child.pid)));
    const cpuPercent = (until, over) => (until.reduce((sum, after, i) => sum + (after - cpuBefore[i]), 0) / over) * 100;
    // Latency percentiles of the first load process (each holds a similar share of the sockets).
    return {
      written: written.written,
      failedInserts: written.failures,
      insertsPerSecond: written.perSecond,
      delivered: received.reduce((sum, r) => sum + r.received, 0),
      expected: received.reduce((sum, r) => sum + r.expected, 0),
      p50: received[0].p50,
      p99: Math.max(...received.map((r) => r.p99)),
      serverCpuPercent: cpuPercent(cpuAfter, elapsed),
      /** While the inserts were being written, before the deliveries caught up. */
      serverCpuPercentWriting: cpuPercent(cpuAtDone, writeElapsed),
      /** Server CPU per insert while writing: steadier than rates on a machine shared with other work. */
      serverCpuMsPerInsert: cpuAtDone.reduce((sum, after, i) => sum + (after - cpuBefore[i]), 0) / Math.max(1, written.written),
      alongside: alongsideResult,
    };
  } finally {
    await stopAlongside?.().catch(() => {});
    await writer?.stop();
    for (const { load } of loads) {
      load.send('exit');
      await load.exited;
    }
    for (const { app } of apps) await app.stop();
    await storage.drop();
  }
}
