import { Worker } from 'node:worker_threads';
import type { PageJob } from './page-job';
import { RenderPool } from './render-pool';

/**
 * A stand-in for the server bundle's render worker (render-worker.ts), speaking its messages: it renders
 * the URL's last segment into the page, and fails, exits or never answers when the URL says so.
 */
const FAKE_WORKER = `
const { parentPort, threadId } = require('node:worker_threads');
parentPort.on('message', ({ id, job }) => {
  const what = job.url.slice(job.url.lastIndexOf('/') + 1);
  if (what === 'exit') process.exit(3);
  if (what === 'fail') return parentPort.postMessage({ id, error: 'Error: the data call failed' });
  if (what === 'hang') return;
  if (what === 'none') return parentPort.postMessage({ id, page: null });
  const body = new TextEncoder().encode('<p>' + what + ' for ' + job.context.sessionToken + '</p>');
  parentPort.postMessage({ id, page: { status: 200, headers: [['x-thread', String(threadId)]], body } }, [body.buffer]);
});
`;

const job = (path: string): PageJob => ({
  url: `http://127.0.0.1:3000${path}`,
  method: 'GET',
  headers: [['host', '127.0.0.1:3000']],
  context: { sessionToken: 'token-1', cspNonce: null, postedForm: null },
});

const text = (body: Uint8Array) => new TextDecoder().decode(body);
const threadOf = (page: { headers: [string, string][] } | null) => page?.headers.find(([name]) => name === 'x-thread')?.[1];

describe('RenderPool', () => {
  let spawned: Worker[];
  let logged: string[];
  let clock: number;
  let pool: RenderPool;
  let fallbackJobs: string[];
  const makePool = (size: number, renderTimeoutMs?: number) =>
    new RenderPool({
      spawn: () => {
        const worker = new Worker(FAKE_WORKER, { eval: true });
        spawned.push(worker);
        return worker;
      },
      size,
      fallback: async (job) => {
        fallbackJobs.push(job.url);
        return { status: 200, headers: [], body: new TextEncoder().encode('rendered on the main thread') };
      },
      log: (message) => logged.push(message),
      renderTimeoutMs,
      now: () => clock,
    });

  beforeEach(() => {
    spawned = [];
    logged = [];
    fallbackJobs = [];
    clock = 1_000_000;
  });
  afterEach(() => pool.close());

  it('starts no worker until the first page, then answers each render with its page', async () => {
    pool = makePool(2);
    expect(spawned).toHaveLength(0);
    const page = await pool.render(job('/article/hello'));
    expect(page?.status).toBe(200);
    expect(text(page!.body)).toBe('<p>hello for token-1</p>');
    expect(await pool.render(job('/none'))).toBeNull();
  });

  it('sends concurrent renders to the worker with the fewest in flight', async () => {
    pool = makePool(2);
    const pages = await Promise.all([pool.render(job('/a')), pool.render(job('/b')), pool.render(job('/c')), pool.render(job('/d'))]);
    expect(spawned).toHaveLength(2);
    const threads = pages.map(threadOf);
    expect(new Set(threads).size).toBe(2);
    expect(threads.filter((thread) => thread === threads[0])).toHaveLength(2);
    expect(pool.inFlight).toBe(0);
  });

  it("fails a render the worker could not do with the worker's reason, and keeps the worker", async () => {
    pool = makePool(1);
    const first = await pool.render(job('/before'));
    await expect(pool.render(job('/fail'))).rejects.toThrow('render failed in a worker: Error: the data call failed');
    expect(threadOf(await pool.render(job('/after')))).toBe(threadOf(first));
    expect(spawned).toHaveLength(1);
  });

  it('fails the pages of a worker that exits, renders on its own thread while none can start, and replaces it later', async () => {
    pool = makePool(1);
    const hanging = pool.render(job('/hang'));
    const exiting = pool.render(job('/exit'));
    await expect(exiting).rejects.toThrow('the render worker exited (code 3) before the page was rendered');
    await expect(hanging).rejects.toThrow('exited (code 3)');
    expect(logged).toEqual([expect.stringContaining('exited (code 3), failing 2 page(s) in flight; not restarted for 100 ms')]);
    // It exited soon after its start: not restarted at once, in case the bundle cannot load at all.
    expect(text((await pool.render(job('/too-soon')))!.body)).toBe('rendered on the main thread');
    expect(fallbackJobs).toEqual(['http://127.0.0.1:3000/too-soon']);
    clock += 100;
    expect(text((await pool.render(job('/again')))!.body)).toBe('<p>again for token-1</p>');
    expect(spawned).toHaveLength(2);
  });

  it('fails a render that takes too long and replaces its worker, which may be stuck', async () => {
    pool = makePool(1, 200);
    const stuck = pool.render(job('/hang'));
    await expect(stuck).rejects.toThrow('the page was not rendered within 200 ms');
    expect(logged).toEqual(['a render worker did not render a page within 200 ms and was replaced, failing 0 page(s) in flight; not restarted for 100 ms']);
    clock += 100;
    expect(text((await pool.render(job('/after')))!.body)).toBe('<p>after for token-1</p>');
    expect(spawned).toHaveLength(2);
    expect(fallbackJobs).toEqual([]);
  });

  it('backs off longer each time a new worker exits early, and at once after one that ran steadily', async () => {
    pool = makePool(1);
    await expect(pool.render(job('/exit'))).rejects.toThrow('exited');
    clock += 100;
    await expect(pool.render(job('/exit'))).rejects.toThrow('exited');
    expect(logged[1]).toContain('not restarted for 200 ms');
    clock += 200;
    await pool.render(job('/steady'));
    clock += 10_000;
    await expect(pool.render(job('/exit'))).rejects.toThrow('exited');
    expect(logged[2]).toContain('replaced on the next render');
    await expect(pool.render(job('/next'))).resolves.not.toBeNull();
  });

  it('fails renders in flight when closed, and every render after', async () => {
    pool = makePool(2);
    const hanging = pool.render(job('/hang'));
    await pool.close();
    await expect(hanging).rejects.toThrow('exited');
    await expect(pool.render(job('/late'))).rejects.toThrow('the render pool is closed');
    expect(logged).toEqual([]);
  });
});
