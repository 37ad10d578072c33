import { DOCUMENT } from '@angular/common';
import { DestroyRef, afterNextRender, inject } from '@angular/core';

/** How long idle work may wait on a busy page before it runs anyway. */
const RUN_WITHIN_MS = 1_000;

/**
 * Runs `work` in the browser once the next render is done and the main thread is idle; never on the
 * server, nor after the caller is destroyed. For what a reader does not need to read or click first: on
 * a hydrating page, `afterNextRender` alone would run it, and the DOM work it causes, inside the hydration
 * task, which a phone spends blocked (Lighthouse's Total Blocking Time). Call in an injection context.
 */
export function afterRenderIdle(work: () => void): void {
  const view = inject(DOCUMENT).defaultView;
  let destroyed = false;
  inject(DestroyRef).onDestroy(() => (destroyed = true));
  const run = () => destroyed || work();
  afterNextRender(() => {
    if (view?.requestIdleCallback) view.requestIdleCallback(run, { timeout: RUN_WITHIN_MS });
    else setTimeout(run);
  });
}
