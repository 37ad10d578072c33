import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { median, start } from '../lib/processes.mjs';
import { startContender } from './fanout.mjs';

const here = new URL('..', import.meta.url).pathname;
/** Sockets per load process and per loopback source address (an address has ~28,000 ephemeral ports). */
const PER_LOAD = 10_000;
const PER_SOURCE = 10_000;
/** Files the server holds besides its sockets: the store, listeners, logs, the runtime's own. */
const SERVER_FILES = 300;

/** The most files a process of this session may open (`ulimit -Hn`); an unprivileged process cannot raise it. */
export function openFileLimit() {
  const text = execFileSync('sh', ['-c', 'ulimit -Hn']).toString().trim();
  return text === 'unlimited' ? Infinity : Number(text);
}

async function memory(contender) {
  return (await fetch(`${contender.control}/memory`)).json();
}

/** One publication of `changes` to every socket of every load process: the figures of all sockets together. */
async function publish(contender, loads, changes) {
  const armed = loads.map((load) => load.line('ARMED'));
  for (const load of loads) load.send(`go ${changes}`);
  await Promise.all(armed);
  const results = loads.map((load) => load.line('RESULT', 600_000));
  const startedAt = performance.now();
  await fetch(`${contender.control}/burst?count=${changes}`, { method: 'POST' });
  const received = (await Promise.all(results)).map((text) => JSON.parse(text));
  return {
    seconds: (performance.now() - startedAt) / 1000,
    received: received.reduce((sum, r) => sum + r.received, 0),
    expected: received.reduce((sum, r) => sum + r.expected, 0),
    // Every load process holds an equal share of the sockets.
    p50: median(received.map((r) => r.p50)),
    p99: Math.max(...received.map((r) => r.p99)),
    all: Math.max(...received.map((r) => r.max)),
  };
}

/**
 * `sockets` subscribed, idle sockets on one instance (as many as this session's open-file limit
 * allows the server), from several load processes over several loopback source addresses: RSS per
 * socket, one change to all of them (p50/p99 across sockets, and until the last one has it), and
 * a burst of `burst` changes. Medians of `rounds` publications after one unmeasured one.
 */
export async function manySockets({ sockets, burst, rounds }) {
  const limit = openFileLimit();
  const opened = Math.min(sockets, limit - SERVER_FILES);
  const contender = await startContender('Conduit Live', { exposeGc: true });
  const loads = [];
  try {
    const before = await memory(contender);
    const openingStarted = performance.now();
    for (let first = 0; first < opened; first += PER_LOAD) {
      const share = Math.min(PER_LOAD, opened - first);
      const firstSource = 2 + Math.floor(first / PER_SOURCE);
      const load = start(process.execPath, [join(here, 'load/clients.cjs'), 'ws', contender.url, String(share), String(Math.ceil(share / PER_SOURCE)), String(firstSource)]);
      await load.line('READY', 600_000);
      loads.push(load);
    }
    const openingSeconds = (performance.now() - openingStarted) / 1000;
    const after = await memory(contender);
    const measure = async (changes) => {
      await publish(contender, loads, changes);
      const runs = [];
      for (let i = 0; i < rounds; i++) runs.push(await publish(contender, loads, changes));
      const pick = (key) => median(runs.map((run) => run[key]));
      return { p50: pick('p50'), p99: pick('p99'), all: pick('all'), seconds: pick('seconds'), complete: runs.every((run) => run.received === run.expected) };
    };
    const one = await measure(1);
    const many = await measure(burst);
    return {
      asked: sockets,
      opened,
      openFileLimit: limit,
      openingSeconds,
      rssBefore: before.rss,
      rssAfter: after.rss,
      rssPerSocket: (after.rss - before.rss) / opened,
      heapPerSocket: (after.heapUsed - before.heapUsed) / opened,
      one,
      burst: { ...many, messagesPerSecond: (burst * opened) / many.seconds },
    };
  } finally {
    for (const load of loads) {
      load.send('exit');
      await load.exited;
    }
    await contender.server.stop();
  }
}
