/** How each instance follows the committed stream, and how long the stream keeps changes. */
export interface StreamOptions {
  /** Changes read per query when the tailer catches up with the stream. */
  replayBatchSize: number;
  /** How often each instance reads the stream table for changes no notice announced. */
  pollIntervalMs: number;
  /** Changes are kept at least this long (then pruned)… */
  retentionMs: number;
  /** …and at most this many. */
  retentionMaxChanges: number;
  /** How often retention prunes (never less often than `retentionMs`). */
  pruneIntervalMs: number;
}

export const STREAM_OPTIONS = Symbol('STREAM_OPTIONS');

export const DEFAULT_STREAM_OPTIONS: StreamOptions = {
  replayBatchSize: 500,
  pollIntervalMs: 1000,
  retentionMs: 7 * 24 * 3600 * 1000,
  retentionMaxChanges: 1_000_000,
  pruneIntervalMs: 60_000,
};
