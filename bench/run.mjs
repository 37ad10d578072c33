#!/usr/bin/env node
// npm run bench [-- --quick] [--only fanout,latency,memory,e2e,writes,ordering,http,storm,login,presence,restart] [--clients N] ...
// Every contender runs in its own process, the load in another, with the same load for all;
// figures are medians over several rounds. Results: a table on stdout, JSON in bench/results/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { endToEnd } from './scenarios/end-to-end.mjs';
import { fanout, idleMemory } from './scenarios/fanout.mjs';
import { http, liveWhileRendering } from './scenarios/http.mjs';
import { replayStorm } from './scenarios/replay-storm.mjs';
import { login } from './scenarios/login.mjs';
import { presenceCrowd } from './scenarios/presence.mjs';
import { writes } from './scenarios/writes.mjs';
import { manySockets } from './scenarios/many-sockets.mjs';
import { restartCatchUp } from './scenarios/restart-catch-up.mjs';

const { values: flags } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    'fanout-clients': { type: 'string' },
    'fanout-changes': { type: 'string' },
    'latency-clients': { type: 'string' },
    'memory-clients': { type: 'string' },
    'e2e-subscribers': { type: 'string' },
    'e2e-rate': { type: 'string' },
    'e2e-seconds': { type: 'string' },
    'http-connections': { type: 'string' },
    'ordering-inserts': { type: 'string' },
    docs: { type: 'boolean', default: false },
    'http-seconds': { type: 'string' },
    'storm-sockets': { type: 'string' },
    'storm-changes': { type: 'string' },
    'storm-seconds': { type: 'string' },
    'login-attempts': { type: 'string' },
    'presence-readers': { type: 'string' },
    'writes-inserts': { type: 'string' },
    'writes-subscribers': { type: 'string' },
    'writes-in-flight': { type: 'string' },
    sockets: { type: 'string' },
    'sockets-burst': { type: 'string' },
    'restart-missed': { type: 'string' },
    'restart-down-ms': { type: 'string' },
  },
});
const scale = flags.quick ? 0.1 : 1;
const size = (flag, fallback) => Number(flags[flag] ?? Math.max(1, Math.round(fallback * scale)));
const rounds = Number(flags.rounds ?? (flags.quick ? 2 : 3));
const only = new Set((flags.only ?? 'fanout,latency,memory,e2e,writes,ordering,http,storm,login,presence,restart').split(','));

const fmt = (value, digits = 0) => (value === null || value === undefined ? 'n/a' : Number(value).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const rows = [];
const report = { date: new Date().toISOString(), machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, scenarios: {} };

if (only.has('fanout')) {
  const clients = size('fanout-clients', 5000);
  const changes = size('fanout-changes', 100);
  const result = await fanout({ clients, changes, rounds });
  report.scenarios.fanout = { clients, changes, rounds, result };
  const ceiling = result['raw ws'].perSecond;
  for (const [name, r] of Object.entries(result)) {
    rows.push([`fan-out, ${clients} sockets, bursts of ${changes}`, name, `${fmt(r.perSecond)} msg/s`, `${fmt(r.perSecond / ceiling, 2)}x raw ws`, `p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms${r.complete ? '' : ', LOST MESSAGES'}`]);
  }
}

if (only.has('latency')) {
  const clients = size('latency-clients', 1000);
  const result = await fanout({ clients, changes: 50, rounds, interval: 20 });
  report.scenarios.latency = { clients, changes: 50, intervalMs: 20, rounds, result };
  const ceiling = result['raw ws'].p99;
  for (const [name, r] of Object.entries(result)) {
    rows.push([`publish-to-receipt, ${clients} sockets, 1 change / 20 ms`, name, `p50 ${fmt(r.p50, 2)} ms`, `p99 ${fmt(r.p99, 2)} ms`, `${fmt(r.p99 / ceiling, 2)}x raw ws p99`]);
  }
}

if (only.has('memory')) {
  const clients = size('memory-clients', 10000);
  const result = await idleMemory({ clients, contenders: ['raw ws', 'Conduit Live'] });
  report.scenarios.memory = { clients, result };
  const ceiling = result['raw ws'].rssPerSocket;
  for (const [name, r] of Object.entries(result)) {
    rows.push([`idle subscribed sockets, ${clients}`, name, `${fmt(r.rssPerSocket / 1024, 1)} KiB RSS/socket`, `${fmt(r.rssPerSocket / ceiling, 2)}x raw ws`, `${fmt(r.heapPerSocket / 1024, 1)} KiB heap/socket`]);
  }
}

if (only.has('e2e')) {
  const subscribers = size('e2e-subscribers', 1000);
  // The rate offered; the table shows the rate the server achieved beside it.
  const rate = Number(flags['e2e-rate'] ?? 200);
  const seconds = Number(flags['e2e-seconds'] ?? (flags.quick ? 2 : 10));
  const setups = [
    ['SQLite, 1 instance', { store: 'sqlite' }],
    ['Postgres, 1 instance', { store: 'postgres' }],
    ['Postgres, 2 instances on Redis', { store: 'postgres', instances: 2 }],
  ];
  report.scenarios.e2e = { subscribers, rate, seconds, result: {} };
  for (const [label, setup] of setups) {
    const r = await endToEnd({ ...setup, subscribers, rate, seconds });
    report.scenarios.e2e.result[label] = r;
    rows.push([`insert-to-receipt, ${subscribers} subs, ${rate} POST/s offered`, label, `p50 ${fmt(r.p50, 1)} ms`, `p99 ${fmt(r.p99, 1)} ms`, `${fmt(r.insertsPerSecond)} inserts/s achieved, server CPU ${fmt(r.serverCpuPercent)}%, ${fmt(r.delivered)}/${fmt(r.expected)} delivered${r.failedInserts ? `, ${r.failedInserts} inserts failed` : ''}`]);
  }
}

if (only.has('writes')) {
  // Issue 12: the app's write path beside the comparison server (servers/comparison.cjs).
  const subscribers = Number(flags['writes-subscribers'] ?? 20);
  const inFlight = Number(flags['writes-in-flight'] ?? 8);
  const count = size('writes-inserts', 2000);
  // Four servers start per round: --quick keeps to one round so that it stays within 2 minutes.
  const writeRounds = flags.quick ? 1 : rounds;
  report.scenarios.writes = { subscribers, inFlight, count, rounds: writeRounds, result: {} };
  for (const [store, label] of [['sqlite', 'SQLite'], ['postgres', 'Postgres']]) {
    const result = await writes({ store, subscribers, inFlight, count, rounds: writeRounds });
    report.scenarios.writes.result[label] = result;
    const ceiling = result['comparison server'].insertsPerSecond;
    for (const [name, r] of Object.entries(result)) {
      rows.push([`POST /api/articles, ${label}, ${subscribers} subs, ${inFlight} in flight`, name, `${fmt(r.insertsPerSecond)} inserts/s`, `${fmt(r.insertsPerSecond / ceiling, 2)}x comparison`, `p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms insert-to-receipt, server CPU ${fmt(r.serverCpuPercent)}% (${fmt(r.serverCpuMsPerInsert, 2)} ms per insert), ${fmt(r.delivered)}/${fmt(r.expected)} delivered${r.failedInserts ? `, ${r.failedInserts} inserts failed` : ''}`]);
    }
  }
}

if (only.has('ordering')) {
  // What the commit-order lock costs: Postgres inserts/s with 16 writes always in flight, with and without it.
  const count = Number(flags['ordering-inserts'] ?? (flags.quick ? 300 : 1500));
  report.scenarios.ordering = { count, inFlight: 16, result: {} };
  for (const [label, lock] of [['with commit-order lock', 'true'], ['without (cursor order may differ from commit order)', 'false']]) {
    // Without the lock some changes are missed for good (what it is there to prevent): the wait for them is short.
    const deliveryDeadlineMs = lock === 'true' ? 60_000 : 5_000;
    const r = await endToEnd({ store: 'postgres', subscribers: 10, rate: 0, seconds: 0, count, env: { STREAM_COMMIT_ORDER_LOCK: lock }, deliveryDeadlineMs });
    report.scenarios.ordering.result[label] = r;
    rows.push([`Postgres inserts, 16 in flight, ${count} inserts`, label, `${fmt(r.insertsPerSecond)} inserts/s`, `p99 ${fmt(r.p99, 1)} ms`, `server CPU ${fmt(r.serverCpuPercentWriting)}%, ${fmt(r.delivered)}/${fmt(r.expected)} delivered live`]);
  }
}

if (only.has('http')) {
  const connections = Number(flags['http-connections'] ?? 20);
  const seconds = Number(flags['http-seconds'] ?? (flags.quick ? 1 : 5));
  const result = await http({ connections, seconds, rounds, quick: flags.quick });
  report.scenarios.http = { connections, seconds, rounds, result };
  const ceiling = result['static file (ceiling)'].perSecond;
  for (const [name, r] of Object.entries(result)) {
    const cached = result['SSR, page cache'].perSecond;
    const ratio = name.startsWith('REST') ? '' : `${fmt(r.perSecond / ceiling, 2)}x static, ${fmt(r.perSecond / cached, 3)}x cached`;
    rows.push([`HTTP, home page with 20 articles, ${connections} connections`, name, `${fmt(r.perSecond)} req/s`, ratio, `p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms${r.errors ? `, ${r.errors} errors` : ''}`]);
  }
  // The live stream beside the pages: a steady trickle of writes to a few hundred readers.
  const subscribers = Math.max(1, Math.round(200 * scale));
  const rate = 50;
  const liveSeconds = Number(flags['http-seconds'] ?? (flags.quick ? 1.5 : 5)) * 2;
  const live = await liveWhileRendering({ subscribers, rate, seconds: liveSeconds, connections });
  report.scenarios.liveWhileRendering = { subscribers, rate, seconds: liveSeconds, connections, result: live };
  for (const [name, r] of Object.entries(live)) {
    rows.push([`insert-to-receipt, ${subscribers} subs, ${rate} POST/s, while ${connections} signed-in readers load pages`, name, `p50 ${fmt(r.p50, 1)} ms`, `p99 ${fmt(r.p99, 1)} ms`, `pages ${fmt(r.alongside.perSecond)} req/s (p50 ${fmt(r.alongside.p50, 1)} ms${r.alongside.errors ? `, ${r.alongside.errors} errors` : ''}), ${fmt(r.insertsPerSecond)} inserts/s, ${fmt(r.delivered)}/${fmt(r.expected)} delivered`]);
  }
}

if (only.has('storm')) {
  const sockets = Number(flags['storm-sockets'] ?? 30);
  const changes = size('storm-changes', 10_000);
  const seconds = Number(flags['storm-seconds'] ?? (flags.quick ? 2 : 5));
  const r = await replayStorm({ sockets, changes, seconds, rounds });
  report.scenarios.storm = r;
  const MB = (bytes) => fmt(bytes / 2 ** 20);
  const scenario = `GET /api/articles at ${r.readsPerSecond}/s; replay storm: ${sockets} sockets from "0" over ${fmt(changes)} changes`;
  rows.push([scenario, 'idle', `p50 ${fmt(r.idle.p50, 1)} ms`, `p99 ${fmt(r.idle.p99, 1)} ms`, `${fmt(r.idle.requests)} of ${fmt(r.offered)} requests answered${r.idle.errors ? `, ${r.idle.errors} errors` : ''}`]);
  rows.push([
    scenario,
    'during the storm',
    `p50 ${fmt(r.during.p50, 1)} ms`,
    `p99 ${fmt(r.during.p99, 1)} ms (${fmt(r.during.p99 / r.idle.p99, 2)}x idle)`,
    `${fmt(r.during.requests)} of ${fmt(r.offered)} requests answered; RSS ${MB(r.rssBefore)} MiB before, ${MB(r.rssPeak)} MiB peak; ${fmt(r.replays)} replays, ${fmt(r.megabytesPerSecond)} MB/s replayed${r.during.errors ? `, ${r.during.errors} errors` : ''}`,
  ]);
}

if (only.has('login')) {
  const attempts = size('login-attempts', 50);
  const result = await login({ attempts });
  report.scenarios.login = { attempts, result };
  const known = result['known email, wrong password'].p50;
  for (const [name, r] of Object.entries(result)) {
    rows.push([`failed login, ${attempts} each, one at a time, interleaved`, name, `p50 ${fmt(r.p50, 1)} ms`, `${fmt(r.p50 / known, 2)}x known email`, `p99 ${fmt(r.p99, 1)} ms`]);
  }
}

if (only.has('presence')) {
  const readers = size('presence-readers', 10_000);
  const result = await presenceCrowd({ readers, rounds });
  report.scenarios.presence = { readers, rounds, result };
  for (const [phase, r] of Object.entries({ 'join at once': result.join, 'leave at once': result.leave })) {
    rows.push([`presence, ${fmt(readers)} readers of one article`, phase, `${fmt(r.framesPerSecond, 1)} presence frames/s`, `${fmt(r.seconds, 2)} s to the final count`, `server CPU ${fmt(r.cpuMs)} ms (${fmt(r.cpuShare * 100)}% of a core)`]);
  }
}

if (only.has('restart')) {
  const missed = Number(flags['restart-missed'] ?? 3);
  const downMs = Number(flags['restart-down-ms'] ?? 0);
  const result = await restartCatchUp({ rounds, missed, downMs });
  report.scenarios.restart = { missed, downMs, rounds, result };
  rows.push([
    `catch-up after a server restart, ${missed} articles missed`,
    'Chromium home page, SQLite',
    `p50 ${fmt(result.p50)} ms`,
    `max ${fmt(result.max)} ms (target < 2,000 ms)`,
    `from the restarted server listening to the page showing them; server down ${fmt(result.downtimeMs / 1000, 1)} s`,
  ]);
}

if (only.has('sockets')) {
  const sockets = size('sockets', 100_000);
  const burst = Number(flags['sockets-burst'] ?? 100);
  const r = await manySockets({ sockets, burst, rounds });
  report.scenarios.sockets = { burst, rounds, result: r };
  const MiB = (bytes) => fmt(bytes / 2 ** 20);
  const scenario = `many sockets: ${fmt(r.opened)} subscribed on one instance${r.opened < r.asked ? ` (of ${fmt(r.asked)} asked: open-file limit ${fmt(r.openFileLimit)})` : ''}`;
  rows.push([scenario, 'idle', `${fmt(r.rssPerSocket / 1024, 1)} KiB RSS/socket`, `RSS ${MiB(r.rssAfter)} MiB (${MiB(r.rssBefore + r.rssPerSocket * 100_000)} MiB at 100k)`, `${fmt(r.heapPerSocket / 1024, 1)} KiB heap/socket, opened in ${fmt(r.openingSeconds, 1)} s`]);
  rows.push([scenario, 'one change', `p50 ${fmt(r.one.p50, 1)} ms`, `p99 ${fmt(r.one.p99, 1)} ms`, `all ${fmt(r.opened)} within ${fmt(r.one.all, 1)} ms${r.one.complete ? '' : ', LOST MESSAGES'}`]);
  rows.push([scenario, `burst of ${burst}`, `${fmt(r.burst.messagesPerSecond)} msg/s`, `all in ${fmt(r.burst.seconds, 2)} s`, `p50 ${fmt(r.burst.p50, 1)} ms, p99 ${fmt(r.burst.p99, 1)} ms${r.burst.complete ? '' : ', LOST MESSAGES'}`]);
}

const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((row) => String(row[i]).length), 8));
const line = (row) => `| ${row.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
console.log(`\nConduit Live benchmarks, ${report.date}, ${report.machine.cpus} cores (${report.machine.model}), Node ${report.machine.node}\n`);
console.log(line(['scenario', 'contender', 'figure', 'ratio', 'detail']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows) console.log(line(row));
const dir = join(new URL('.', import.meta.url).pathname, 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${report.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify({ ...report, table: rows }, null, 2));
console.log(`\nJSON: ${file}`);

if (flags.docs) {
  // The latest table, kept in the repository beside the architecture page.
  const docs = join(new URL('..', import.meta.url).pathname, 'docs', 'benchmarks.md');
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  const latest = [
    '# Benchmarks',
    '',
    `Latest run: ${report.date}, on ${report.machine.cpus} cores (${report.machine.model}), ${report.machine.memoryGiB} GiB, Node ${report.machine.node},`,
    `with \`${command}\` (see bench/README.md for what each scenario does). Every contender runs in its own`,
    'process and the load in another, on the same machine, in the same run; figures are medians over the rounds.',
    '',
    line(['scenario', 'contender', 'figure', 'ratio', 'detail']),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ];
  // Only the heading and the first table are the run's: the notes and earlier runs below them are kept.
  const kept = existsSync(docs) ? readFileSync(docs, 'utf8').split('\n') : [];
  const tableStart = kept.findIndex((text) => text.startsWith('|'));
  const tableEnd = tableStart < 0 ? -1 : kept.findIndex((text, i) => i > tableStart && !text.startsWith('|'));
  // No table yet: the whole file is kept below the new one.
  const rest = tableStart < 0 ? ['', ...kept] : tableEnd < 0 ? [''] : kept.slice(tableEnd);
  writeFileSync(docs, `${[...latest, ...rest].join('\n').trimEnd()}\n`);
  console.log(`table written to ${docs}`);
}
