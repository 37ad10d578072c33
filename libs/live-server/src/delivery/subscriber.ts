import type { ServerFrame } from '@conduit/contract';
import type { ChangeFrames } from './change-frames';
import type { LiveSubscription } from './live-subscription';
import type { LiveUser } from './topic-policy';

/**
 * What the hub delivers to: a WebSocket (SocketSubscriber) or a server-sent event stream
 * (EventStreamConnection). Both get the same subscriptions, replay and live handoff.
 */
export interface Subscriber {
  readonly subscriptions: Map<string, LiveSubscription>;
  user?: LiveUser;
  /** The token `user` was accepted with, checked again when that account changes (LiveHub.recheckUser). */
  token?: string;
  /** The end of this subscriber's replays: they run one after another. */
  replays: Promise<void>;
  readonly isOpen: boolean;
  /** The client reads slower than we write: its transport holds more than its high-water mark unsent. */
  readonly needsDrain: boolean;
  /** Resolves once the transport has handed what it holds to the kernel, or closed. */
  drained(): Promise<void>;
  send(frame: ServerFrame): void;
  sendChange(change: ChangeFrames, topic: string): void;
  /** The server could not go on (a replay failed): the client reconnects and resumes from its cursor. */
  fail(reason: string): void;
  /** The client does not read: it is dropped as too slow (1013 on a socket), and resumes from its cursor. */
  dropTooSlow(): void;
}
