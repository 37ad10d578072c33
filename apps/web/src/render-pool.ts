import type { Worker } from 'node:worker_threads';
import type { PageJob, RenderPage, RenderedPage } from './page-job';
import type { RenderAnswer, RenderRequest } from './render-worker';

interface PendingRender {
  resolve(page: RenderedPage | null): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker | null;
  pending: Map<number, PendingRender>;
  startedAt: number;
  /** Exits in a row, each soon after its start: a bundle that cannot load is not restarted in a loop. */
  quickExits: number;
  /** Before this time (ms since the epoch) an exited worker is not started again. */
  retryAt: number;
}

/** A worker that ran at least this long before exiting is replaced at once. */
const STEADY_MS = 10_000;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Renders pages on worker threads, so that Angular's render (most of a page's CPU) runs on every core,
 * beside the event loop that serves /api, /ws and the page cache instead of blocking it. Each worker
 * renders any number of pages at once, since a render mostly waits on its data calls; a job goes to the
 * worker with the fewest in flight. Workers start on the first render, so an instance that serves no
 * page loads no extra bundle. A worker that exits fails its pages (each reader gets the error page, the
 * process stays up) and is replaced on the next render, after a growing delay if it keeps exiting early.
 */
export class RenderPool {
  private readonly slots: Slot[];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly spawn: () => Worker,
    size: number,
    private readonly log: (message: string) => void,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a render pool needs at least one worker, got ${size}`);
    this.slots = Array.from({ length: size }, () => ({ worker: null, pending: new Map(), startedAt: 0, quickExits: 0, retryAt: 0 }));
  }

  readonly render: RenderPage = (job: PageJob) => {
    const slot = this.pick();
    if (!slot) return Promise.reject(new Error(this.closed ? 'the render pool is closed' : 'no render worker is running (they keep exiting; see the log)'));
    const worker = slot.worker ?? this.start(slot);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job } satisfies RenderRequest);
    });
  };

  /** Renders in flight, over all workers. */
  get inFlight(): number {
    return this.slots.reduce((sum, slot) => sum + slot.pending.size, 0);
  }

  /** Stops every worker; renders still in flight fail. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker?.terminate()));
  }

  private pick(): Slot | undefined {
    if (this.closed) return undefined;
    const now = this.now();
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (!slot.worker && now < slot.retryAt) continue;
      if (!best || slot.pending.size < best.pending.size) best = slot;
    }
    return best;
  }

  private start(slot: Slot): Worker {
    const worker = this.spawn();
    // An idle pool never keeps the process alive; the server's listener does while it serves.
    worker.unref();
    slot.worker = worker;
    slot.startedAt = this.now();
    worker.on('message', (answer: RenderAnswer) => {
      const pending = slot.pending.get(answer.id);
      if (!pending) return;
      slot.pending.delete(answer.id);
      if ('error' in answer) pending.reject(new Error(`render failed in a worker: ${answer.error}`));
      else pending.resolve(answer.page);
    });
    worker.on('error', (error) => this.log(`a render worker failed: ${error.stack ?? String(error)}`));
    worker.on('exit', (code) => this.exited(slot, worker, code));
    return worker;
  }

  private exited(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    const failed = [...slot.pending.values()];
    slot.pending.clear();
    for (const pending of failed) pending.reject(new Error(`the render worker exited (code ${code}) before the page was rendered`));
    if (this.closed) return;
    const now = this.now();
    slot.quickExits = now - slot.startedAt < STEADY_MS ? slot.quickExits + 1 : 0;
    slot.retryAt = slot.quickExits === 0 ? 0 : now + Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** (slot.quickExits - 1));
    this.log(`a render worker exited (code ${code}) with ${failed.length} page(s) in flight; ${slot.quickExits === 0 ? 'replaced on the next render' : `not restarted for ${slot.retryAt - now} ms`}`);
  }
}
