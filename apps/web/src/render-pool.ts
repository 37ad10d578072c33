import type { Worker } from 'node:worker_threads';
import type { PageJob, RenderPage, RenderedPage } from './page-job';
import type { RenderAnswer, RenderRequest } from './render-worker';

interface PendingRender {
  resolve(page: RenderedPage | null): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
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

export interface RenderPoolOptions {
  /** Starts one worker running the server bundle as a render worker (render-worker.ts). */
  spawn(): Worker;
  size: number;
  /** Renders on the pool's own thread: used while every worker is waiting to be restarted. */
  fallback: RenderPage;
  log(message: string): void;
  /** A render not answered by then fails, and its worker, stuck or overwhelmed, is replaced. */
  renderTimeoutMs?: number;
  now?(): number;
}

/** A worker that ran at least this long before exiting is replaced at once. */
const STEADY_MS = 10_000;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * Renders pages on worker threads, so that Angular's render (most of a page's CPU) runs on every core,
 * beside the event loop that serves /api, /ws and the page cache instead of blocking it. Each worker
 * renders any number of pages at once, since a render mostly waits on its data calls; a job goes to the
 * worker with the fewest in flight, so a second worker starts when a second page is rendered while the
 * first is, and an instance that serves no page loads no extra bundle.
 *
 * A worker that exits fails its pages (each reader gets the error page, the process stays up) and is
 * replaced on the next render, after a growing delay if it keeps exiting soon after its start; while
 * every worker waits for that, pages are rendered on this thread. A render that takes longer than the
 * timeout fails, and its worker is replaced: one stuck in a loop would otherwise hang every page sent to it.
 */
export class RenderPool {
  private readonly slots: Slot[];
  private readonly renderTimeoutMs: number;
  private readonly now: () => number;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: RenderPoolOptions) {
    const { size } = options;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`a render pool needs at least one worker, got ${size}`);
    this.slots = Array.from({ length: size }, () => ({ worker: null, pending: new Map(), startedAt: 0, quickExits: 0, retryAt: 0 }));
    this.renderTimeoutMs = options.renderTimeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  readonly render: RenderPage = (job: PageJob) => {
    if (this.closed) return Promise.reject(new Error('the render pool is closed'));
    const slot = this.pick();
    if (!slot) return this.options.fallback(job);
    const worker = slot.worker ?? this.start(slot);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(slot, worker, id), this.renderTimeoutMs);
      slot.pending.set(id, { resolve, reject, timer });
      try {
        worker.postMessage({ id, job } satisfies RenderRequest);
      } catch (error) {
        this.settle(slot, id)?.reject(error instanceof Error ? error : new Error(String(error)));
      }
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
    const now = this.now();
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (!slot.worker && now < slot.retryAt) continue;
      if (!best || slot.pending.size < best.pending.size) best = slot;
    }
    return best;
  }

  private start(slot: Slot): Worker {
    const worker = this.options.spawn();
    // An idle pool never keeps the process alive; the server's listener does while it serves.
    worker.unref();
    slot.worker = worker;
    slot.startedAt = this.now();
    worker.on('message', (answer: RenderAnswer) => {
      const pending = this.settle(slot, answer.id);
      if (!pending) return;
      if ('error' in answer) pending.reject(new Error(`render failed in a worker: ${answer.error}`));
      else pending.resolve(answer.page);
    });
    // An answer that cannot be read back names no render: the worker goes, and its pages with it.
    worker.on('messageerror', (error) => this.replace(slot, worker, `sent an answer that could not be read (${String(error)})`));
    worker.on('error', (error) => this.options.log(`a render worker failed: ${error.stack ?? String(error)}`));
    worker.on('exit', (code) => this.retire(slot, worker, `exited (code ${code})`));
    return worker;
  }

  private settle(slot: Slot, id: number): PendingRender | undefined {
    const pending = slot.pending.get(id);
    if (!pending) return undefined;
    slot.pending.delete(id);
    clearTimeout(pending.timer);
    return pending;
  }

  private timedOut(slot: Slot, worker: Worker, id: number): void {
    this.settle(slot, id)?.reject(new Error(`the page was not rendered within ${this.renderTimeoutMs} ms`));
    this.replace(slot, worker, `did not render a page within ${this.renderTimeoutMs} ms`);
  }

  /** Takes the worker out of its slot at once, so that no page is sent to it while it terminates. */
  private replace(slot: Slot, worker: Worker, why: string): void {
    this.retire(slot, worker, `${why} and was replaced`);
    void worker.terminate();
  }

  private retire(slot: Slot, worker: Worker, why: string): void {
    if (slot.worker !== worker) return;
    slot.worker = null;
    const failed = [...slot.pending.keys()].map((id) => this.settle(slot, id)!);
    for (const pending of failed) pending.reject(new Error(`the render worker ${why} before the page was rendered`));
    if (this.closed) return;
    const now = this.now();
    slot.quickExits = now - slot.startedAt < STEADY_MS ? slot.quickExits + 1 : 0;
    slot.retryAt = slot.quickExits === 0 ? 0 : now + Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** (slot.quickExits - 1));
    const next = slot.quickExits === 0 ? 'replaced on the next render' : `not restarted for ${slot.retryAt - now} ms`;
    this.options.log(`a render worker ${why}, failing ${failed.length} page(s) in flight; ${next}`);
  }
}
