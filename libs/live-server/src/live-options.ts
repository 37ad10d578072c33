import type { IncomingMessage } from 'node:http';
import { peerAddress } from './delivery/client-address';
import type { LiveUser, TopicPolicy } from './delivery/topic-policy';

/** How the live stream behaves; the app builds this from its validated config. */
export interface LiveOptions {
  /** Topics a client may subscribe to. */
  topics: readonly TopicPolicy[];
  /** Checks the token of an `auth` frame; null when it is not valid. */
  authenticate(token: string): LiveUser | null | Promise<LiveUser | null>;
  /** Origins allowed besides the app's own (the Host the upgrade request came to). */
  allowedOrigins: readonly string[];
  /** Server ping period; a socket that misses two pongs in a row is terminated. */
  pingIntervalMs: number;
  /** Frames a client may send per second before it is closed with 1008. */
  maxFramesPerSecond: number;
  /** Invalid frames a client may send before it is closed with 1008. */
  maxBadFrames: number;
  maxSubscriptionsPerSocket: number;
  /** Sockets and event streams one client address may hold open; more are refused with HTTP 429. 0: no limit. */
  maxSocketsPerAddress: number;
  /** The client address of an upgrade request, as the app's proxy setting sees it. */
  clientAddress(request: IncomingMessage): string;
  /** Changes read per query when the tailer catches up with the stream. */
  replayBatchSize: number;
  /** Changes read and sent per page when replaying to a socket from its cursor (LiveHub.replay). */
  replayPageSize: number;
  /** How often each instance reads the stream table for changes no notice announced. */
  pollIntervalMs: number;
  /** Changes are kept at least this long (then pruned)… */
  retentionMs: number;
  /** …and at most this many. */
  retentionMaxChanges: number;
  /** How often retention prunes (never less often than `retentionMs`). */
  pruneIntervalMs: number;
  /** A socket whose unsent data passes this is too slow: closed with 1013, it resumes on reconnect. */
  maxBufferedBytes: number;
  /** Comment lines on a quiet server-sent event stream, at least this often (PROTOCOL.md: 15 s). */
  eventStreamHeartbeatMs: number;
  /** Serialize change writes so that cursors grow in commit order (commit-order.ts); off only to measure its cost. */
  commitOrderLock: boolean;
  /** Test-only fault injection (halt-before-publish.ts); null in every real deployment. */
  haltBeforePublish: string | null;
}

export const LIVE_OPTIONS = Symbol('LIVE_OPTIONS');

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  topics: [],
  authenticate: () => null,
  allowedOrigins: [],
  pingIntervalMs: 30_000,
  maxFramesPerSecond: 50,
  maxBadFrames: 20,
  maxSubscriptionsPerSocket: 64,
  maxSocketsPerAddress: 256,
  clientAddress: peerAddress,
  replayBatchSize: 500,
  replayPageSize: 100,
  commitOrderLock: true,
  haltBeforePublish: null,
  pollIntervalMs: 1000,
  retentionMs: 7 * 24 * 3600 * 1000,
  retentionMaxChanges: 1_000_000,
  pruneIntervalMs: 60_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  eventStreamHeartbeatMs: 15_000,
};
