import type { MessagePort } from 'node:worker_threads';
import type { PageJob, RenderPage, RenderedPage } from './page-job';

/** The `workerData` a render worker is started with: the server bundle serves renders only when it sees it. */
export const RENDER_WORKER = 'conduit:render-worker';

export interface RenderRequest {
  id: number;
  job: PageJob;
}

export type RenderAnswer = { id: number; page: RenderedPage | null } | { id: number; error: string };

/**
 * A render worker's side of the pool (render-pool.ts): renders each job it is sent, as many at once as
 * arrive (a render mostly waits on its data calls), and answers with the page, whose HTML is moved to the
 * pool's thread rather than copied.
 */
export function serveRenders(port: MessagePort, render: RenderPage): void {
  port.on('message', ({ id, job }: RenderRequest) => {
    render(job).then(
      (page) => port.postMessage({ id, page } satisfies RenderAnswer, page ? [page.body.buffer as ArrayBuffer] : []),
      (error: unknown) => port.postMessage({ id, error: describe(error) } satisfies RenderAnswer),
    );
  });
}

/** An Error's stack; for anything else thrown (Angular's HttpErrorResponse, say), its message if it has one. */
function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? error.message;
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
