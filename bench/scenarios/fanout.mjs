import { join } from 'node:path';
import { median, start } from '../lib/processes.mjs';

const here = new URL('..', import.meta.url).pathname;

export const CONTENDERS = {
  'raw ws': { server: 'servers/raw-ws.cjs', client: 'ws', path: '/ws' },
  'Socket.IO': { server: 'servers/socketio.cjs', client: 'socketio', path: '' },
  'Conduit Live': { server: 'servers/conduit.cjs', client: 'ws', path: '/ws', env: { BENCH_FEED_FROM_BUS: '1' } },
};

export async function startContender(name, { exposeGc = false } = {}) {
  const contender = CONTENDERS[name];
  const server = start(process.execPath, [...(exposeGc ? ['--expose-gc'] : []), join(here, contender.server)], {
    env: { ...process.env, ...contender.env },
  });
  const { wsPort, controlPort } = JSON.parse(await server.line('BENCH-READY'));
  const url = contender.client === 'socketio' ? `http://127.0.0.1:${wsPort}` : `ws://127.0.0.1:${wsPort}${contender.path}`;
  return { server, url, client: contender.client, control: `http://127.0.0.1:${controlPort}` };
}

export async function openClients(contender, count) {
  const load = start(process.execPath, [join(here, 'load/clients.cjs'), contender.client, contender.url, String(count)]);
  await load.line('READY', 300_000);
  return load;
}

/** One round: the load process is told to expect `changes` per client, then the server publishes them. */
export async function round(contender, load, changes, interval = 0) {
  const armed = load.line('ARMED');
  load.send(`go ${changes}`);
  await armed;
  const result = load.line('RESULT', 300_000);
  await fetch(`${contender.control}/burst?count=${changes}&interval=${interval}`, { method: 'POST' });
  return JSON.parse(await result);
}

/** Delivered messages per second and latency, medians over `rounds` after one warm-up round. */
export async function fanout({ clients, changes, rounds, interval = 0, contenders = Object.keys(CONTENDERS) }) {
  const results = {};
  for (const name of contenders) {
    const contender = await startContender(name);
    const load = await openClients(contender, clients);
    try {
      await round(contender, load, changes, interval);
      const measured = [];
      for (let i = 0; i < rounds; i++) measured.push(await round(contender, load, changes, interval));
      const lost = measured.some((result) => result.received !== result.expected);
      results[name] = {
        perSecond: median(measured.map((result) => result.perSecond)),
        p50: median(measured.map((result) => result.p50)),
        p99: median(measured.map((result) => result.p99)),
        complete: !lost,
      };
    } finally {
      load.send('exit');
      await load.exited;
      await contender.server.stop();
    }
  }
  return results;
}

/** Server memory per open, subscribed, idle socket. */
export async function idleMemory({ clients, contenders }) {
  const results = {};
  for (const name of contenders) {
    const contender = await startContender(name, { exposeGc: true });
    try {
      const before = await (await fetch(`${contender.control}/memory`)).json();
      const load = await openClients(contender, clients);
      const after = await (await fetch(`${contender.control}/memory`)).json();
      results[name] = {
        rssPerSocket: (after.rss - before.rss) / clients,
        heapPerSocket: (after.heapUsed - before.heapUsed) / clients,
      };
      load.send('exit');
      await load.exited;
    } finally {
      await contender.server.stop();
    }
  }
  return results;
}
