import { median } from '../lib/processes.mjs';
import { freshStore, startApp } from './end-to-end.mjs';

const PASSWORD = 'benchmark password';

const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];

/**
 * Failed-login latency for an email that has an account (wrong password) and for one that has none,
 * one request at a time and interleaved, so that both see the same machine: an unknown email must
 * cost the same scrypt work, or timing tells which emails have accounts.
 */
export async function login({ attempts }) {
  const storage = await freshStore('sqlite');
  // The per-account limit would refuse the known email after a few failures; it is not measured here.
  const app = await startApp({ ...storage.env, LOGIN_FAILURE_LIMIT: '0' });
  const post = (path, body) =>
    fetch(`${app.baseUrl}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const timed = async (email) => {
    const started = performance.now();
    const res = await post('/users/login', { user: { email, password: 'not the password' } });
    await res.arrayBuffer();
    if (res.status !== 401) throw new Error(`login for ${email} answered ${res.status}`);
    return performance.now() - started;
  };
  try {
    const known = 'known@bench.example';
    const registered = await post('/users', { user: { username: 'known', email: known, password: PASSWORD } });
    if (!registered.ok) throw new Error(`registration answered ${registered.status}`);
    // Warm-up: the first requests compile the routes' code paths.
    for (let i = 0; i < 3; i++) {
      await timed(known);
      await timed(`warm${i}@bench.example`);
    }
    const times = { 'known email, wrong password': [], 'unknown email': [] };
    for (let i = 0; i < attempts; i++) {
      times['known email, wrong password'].push(await timed(known));
      times['unknown email'].push(await timed(`unknown${i}@bench.example`));
    }
    return Object.fromEntries(Object.entries(times).map(([label, values]) => [label, { p50: median(values), p99: percentile(values, 99), attempts: values.length }]));
  } finally {
    await app.app.stop();
    await storage.drop();
  }
}
