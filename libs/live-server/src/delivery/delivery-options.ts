import type { IncomingMessage } from 'node:http';
import { peerAddress } from './client-address';
import type { LiveUser, TopicPolicy } from './topic-policy';

/** Who may subscribe to what, and the guards on sockets and event streams. */
export interface DeliveryOptions {
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
  /** Changes read and sent per page when replaying to a socket from its cursor (LiveHub.replay). */
  replayPageSize: number;
  /** A socket whose unsent data passes this is too slow: closed with 1013, it resumes on reconnect. */
  maxBufferedBytes: number;
  /** Comment lines on a quiet server-sent event stream, at least this often (PROTOCOL.md: 15 s). */
  eventStreamHeartbeatMs: number;
}

export const DELIVERY_OPTIONS = Symbol('DELIVERY_OPTIONS');

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  topics: [],
  authenticate: () => null,
  allowedOrigins: [],
  pingIntervalMs: 30_000,
  maxFramesPerSecond: 50,
  maxBadFrames: 20,
  maxSubscriptionsPerSocket: 64,
  maxSocketsPerAddress: 256,
  clientAddress: peerAddress,
  replayPageSize: 100,
  maxBufferedBytes: 4 * 1024 * 1024,
  eventStreamHeartbeatMs: 15_000,
};
