/** How changes are captured at commit. */
export interface CaptureOptions {
  /** Serialize change writes so that cursors grow in commit order (commit-order.ts); off only to measure its cost. */
  commitOrderLock: boolean;
  /** Test-only fault injection (halt-before-publish.ts); null in every real deployment. */
  haltBeforePublish: string | null;
}

export const CAPTURE_OPTIONS = Symbol('CAPTURE_OPTIONS');

export const DEFAULT_CAPTURE_OPTIONS: CaptureOptions = {
  commitOrderLock: true,
  haltBeforePublish: null,
};
