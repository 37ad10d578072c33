import {
  CloseCode,
  TYPING_INTERVAL_MS,
  isAfter,
  isCursor,
  type Change,
  type ClientFrame,
  type Cursor,
  type Presence,
  type ProtocolError,
  type ServerFrame,
  type TypingNotice,
} from '@conduit/contract';
import { BehaviorSubject, Observable, Subject, Subscription, distinctUntilChanged, timer } from 'rxjs';
import { webSocket, type WebSocketSubject, type WebSocketSubjectConfig } from 'rxjs/webSocket';
import { backoffDelay, type BackoffOptions } from './backoff';
import type { LiveEvent, LiveStatus } from './live-event';
import { parseServerFrame } from './server-frame.parser';

export type WebSocketCtor = NonNullable<WebSocketSubjectConfig<unknown>['WebSocketCtor']>;

export interface LiveClientOptions {
  /** Absolute `ws:`/`wss:` URL of the live endpoint (`/ws`). */
  url: string;
  /** Defaults to the global `WebSocket`; Node tests pass the `ws` package. */
  WebSocketCtor?: WebSocketCtor;
  backoff?: BackoffOptions;
  /** Source of the reconnect jitter, in [0, 1). */
  random?: () => number;
  /**
   * How long the socket stays open after the last topic is unsubscribed, so that a page change (one page's
   * topics leave, the next page's arrive a moment later) reuses it instead of closing and reopening. 0 closes
   * at once.
   */
  idleCloseMs?: number;
  /** The clock that spaces `typing` frames; Date.now by default. */
  now?: () => number;
}

interface TopicState {
  readonly events: Subject<LiveEvent>;
  subscribers: number;
  /** The last cursor applied (emitted), or the one subscribed from: changes at or before it are already held. */
  cursor: Cursor | undefined;
  /** After a `reset` the topic is paused until `resubscribe` brings the cursor of a fresh snapshot. */
  awaitingSnapshot: boolean;
}

/**
 * Client of the Conduit Live protocol (PROTOCOL.md): one shared socket for all topics, opened with the
 * first topic subscriber and closed with the last one, that reconnects with backoff and resumes every topic
 * from the last cursor it applied, so a subscriber sees each change once, in cursor order.
 */
export class LiveClient {
  private readonly topics = new Map<string, TopicState>();
  private readonly status = new BehaviorSubject<LiveStatus>('connecting');
  private readonly errors = new Subject<ProtocolError>();
  private readonly presenceFrames = new Subject<Presence>();
  private readonly typingFrames = new Subject<TypingNotice>();
  /** When `typing` last went out, per topic. */
  private readonly typingSentAt = new Map<string, number>();
  private socket: WebSocketSubject<unknown> | null = null;
  private connection: Subscription | null = null;
  private pendingRetry: Subscription | null = null;
  private failedAttempts = 0;
  private closedByPolicy = false;
  private networkDown = false;
  private authToken: string | null = null;
  /** An `auth` frame was sent on the current socket and is not answered yet: subscribes wait for it. */
  private authPending = false;
  private idleClose: Subscription | null = null;

  readonly status$: Observable<LiveStatus> = this.status.pipe(distinctUntilChanged());
  /** `error` frames of the server (unknown topic, rate limited, ...); the socket stays open after them. */
  readonly errors$: Observable<ProtocolError> = this.errors.asObservable();
  /**
   * Who reads the followed topics that have presence (an article's comments), from the server's
   * `presence` frames: on every subscribe (so again after a reconnect) and whenever it changes.
   */
  readonly presence$: Observable<Presence> = this.presenceFrames.asObservable();
  /** Other readers writing a comment on a followed topic; a notice lapses after TYPING_LAPSE_MS without another. */
  readonly typing$: Observable<TypingNotice> = this.typingFrames.asObservable();

  constructor(private readonly options: LiveClientOptions) {}

  /**
   * Changes of `name` after `fromCursor` (from now when omitted), then `reset` events when the server no
   * longer has that position. Subscribers of one topic share one server subscription: a later subscriber
   * receives what is applied after it joins, whatever cursor it passes.
   */
  topic(name: string, fromCursor?: Cursor): Observable<LiveEvent> {
    return new Observable<LiveEvent>((subscriber) => {
      let state = this.topics.get(name);
      const isNew = !state;
      if (!state) {
        state = { events: new Subject<LiveEvent>(), subscribers: 0, cursor: fromCursor, awaitingSnapshot: false };
        this.topics.set(name, state);
      }
      state.subscribers++;
      const subscription = state.events.subscribe(subscriber);
      this.cancelIdleClose();
      if (isNew) this.subscribeOnServer(name, state);

      return () => {
        subscription.unsubscribe();
        if (--state.subscribers > 0) return;
        this.topics.delete(name);
        this.send({ event: 'unsubscribe', data: { topic: name } });
        if (this.topics.size === 0) this.closeWhenIdle();
      };
    });
  }

  /** Answers a `reset`: the app fetched a new snapshot and the topic goes on from that snapshot's cursor. */
  resubscribe(name: string, cursor: Cursor): void {
    const state = this.topics.get(name);
    if (!state) return;
    state.cursor = cursor;
    state.awaitingSnapshot = false;
    this.subscribeOnServer(name, state);
  }

  /**
   * The reader's JWT, sent in an `auth` frame first on every (re)connect, before any subscribe, so that
   * auth-only topics (`feed`) are accepted. A change of identity (sign in, sign out) opens a new socket,
   * since the protocol has no way to drop an identity; every topic resumes there from its cursor.
   */
  setAuthToken(token: string | null): void {
    if (token === this.authToken) return;
    this.authToken = token;
    if (!this.socket) return;
    this.dropSocket();
    this.connect();
  }

  /**
   * Says that the reader is writing a comment on `topic`, a followed topic with presence; the socket
   * must speak for a user (a token, or the session cookie). Call it on every keystroke: it goes out at
   * most once every TYPING_INTERVAL_MS per topic, and only on an open socket (a stale notice is worthless).
   */
  typing(topic: string): void {
    if (this.status.value !== 'live' || this.authPending || !this.topics.has(topic)) return;
    const now = (this.options.now ?? Date.now)();
    const last = this.typingSentAt.get(topic);
    if (last !== undefined && now - last < TYPING_INTERVAL_MS) return;
    this.typingSentAt.set(topic, now);
    this.send({ event: 'typing', data: { topic } });
  }

  /** Closes the socket and forgets every pending timer (retry, idle close); for an app being destroyed. */
  close(): void {
    this.cancelIdleClose();
    this.disconnect();
  }

  /** Skips the backoff wait, e.g. when the tab becomes visible again. A 1008 close is final. */
  reconnectNow(): void {
    if (this.socket || this.closedByPolicy || this.networkDown || this.topics.size === 0) return;
    this.cancelRetry();
    this.status.next('reconnecting');
    this.connect();
  }

  /** Tells the client what `navigator.onLine` and the `online`/`offline` events say. */
  setOnline(online: boolean): void {
    if (online) {
      this.networkDown = false;
      this.reconnectNow();
      return;
    }
    this.networkDown = true;
    // The socket is most likely dead already; dropping it now means a clean resume when the network returns.
    this.dropSocket();
    this.status.next('offline');
  }

  private subscribeOnServer(name: string, state: TopicState): void {
    if (this.socket) {
      // Once the pending `auth` is answered, every topic is subscribed (`subscribeAll`).
      if (this.authPending) return;
      this.send({ event: 'subscribe', data: subscribeData(name, state.cursor) });
    } else if (!this.pendingRetry && !this.closedByPolicy && !this.networkDown) {
      this.status.next('connecting');
      this.connect();
    }
    // Otherwise a connection is planned, and it subscribes every active topic when it opens.
  }

  private connect(): void {
    let closeCode: number | undefined;
    const config: WebSocketSubjectConfig<unknown> = {
      url: this.options.url,
      deserializer: (message) => parseServerFrame(message.data),
      closeObserver: { next: (event) => (closeCode = event.code) },
    };
    // rxjs only falls back to the global WebSocket when the key is absent, not when it is undefined.
    if (this.options.WebSocketCtor) config.WebSocketCtor = this.options.WebSocketCtor;
    const socket = webSocket<unknown>(config);
    this.socket = socket;
    this.connection = socket.subscribe({
      next: (frame) => frame && this.onFrame(frame as ServerFrame),
      error: () => this.onClosed(socket, closeCode),
      complete: () => this.onClosed(socket, closeCode),
    });
    // Frames sent before the socket opens are queued by the WebSocketSubject. The server handles frames
    // concurrently, so a subscribe to an auth-only topic must wait for the `authenticated` answer.
    if (this.authToken) {
      this.authPending = true;
      this.send({ event: 'auth', data: { token: this.authToken } });
    } else {
      this.authPending = false;
      this.subscribeAll();
    }
  }

  private subscribeAll(): void {
    for (const [name, state] of this.topics) {
      if (!state.awaitingSnapshot) this.send({ event: 'subscribe', data: subscribeData(name, state.cursor) });
    }
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.event) {
      case 'subscribed': {
        const state = this.topics.get(frame.data.topic);
        // Subscribed "from now": the server's position is where a reconnect must resume.
        if (state && state.cursor === undefined && isCursor(frame.data.cursor)) state.cursor = frame.data.cursor;
        this.failedAttempts = 0;
        this.status.next('live');
        return;
      }
      case 'change':
        this.apply(frame.data);
        return;
      case 'authenticated':
        this.authPending = false;
        this.subscribeAll();
        return;
      case 'reset': {
        const state = this.topics.get(frame.data.topic);
        if (!state) return;
        state.awaitingSnapshot = true;
        state.events.next({ kind: 'reset', topic: frame.data.topic, reason: frame.data.reason });
        return;
      }
      case 'presence':
        if (this.topics.has(frame.data.topic)) this.presenceFrames.next(frame.data);
        return;
      case 'typing':
        if (this.topics.has(frame.data.topic)) this.typingFrames.next(frame.data);
        return;
      case 'error':
        this.errors.next(frame.data);
        // A refused token (expired, say) still leaves the public topics to follow; auth-only ones answer
        // UNAUTHORIZED on errors$.
        if (frame.data.event === 'auth' && this.authPending) {
          this.authPending = false;
          this.subscribeAll();
        }
        return;
      default:
        return;
    }
  }

  private apply(change: Change): void {
    const state = this.topics.get(change.topic);
    if (!state || state.awaitingSnapshot || !isCursor(change.cursor)) return;
    // Replays after a reconnect and changes already in the snapshot arrive again: keep each cursor once.
    if (state.cursor !== undefined && !isAfter(change.cursor, state.cursor)) return;
    state.cursor = change.cursor;
    state.events.next({ kind: 'change', change });
  }

  private onClosed(socket: WebSocketSubject<unknown>, code: number | undefined): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.connection = null;
    this.authPending = false;
    if (code === CloseCode.PolicyViolation) {
      this.closedByPolicy = true;
      this.status.next('offline');
      return;
    }
    if (this.networkDown || this.topics.size === 0) {
      this.status.next('offline');
      return;
    }
    this.status.next('reconnecting');
    const delay = backoffDelay(this.failedAttempts++, this.options.backoff, this.options.random);
    this.pendingRetry = timer(delay).subscribe(() => {
      this.pendingRetry = null;
      this.connect();
    });
  }

  private send(frame: ClientFrame): void {
    this.socket?.next(frame);
  }

  private closeWhenIdle(): void {
    const delay = this.options.idleCloseMs ?? 0;
    if (delay <= 0) return this.disconnect();
    this.cancelIdleClose();
    this.idleClose = timer(delay).subscribe(() => {
      this.idleClose = null;
      if (this.topics.size === 0) this.disconnect();
    });
  }

  private cancelIdleClose(): void {
    this.idleClose?.unsubscribe();
    this.idleClose = null;
  }

  private disconnect(): void {
    this.dropSocket();
    this.failedAttempts = 0;
    this.status.next('offline');
  }

  /** An intentional close: unsubscribing first means `onClosed` never sees it, so nothing reconnects. */
  private dropSocket(): void {
    this.cancelRetry();
    const connection = this.connection;
    this.socket = null;
    this.connection = null;
    this.authPending = false;
    connection?.unsubscribe();
  }

  private cancelRetry(): void {
    this.pendingRetry?.unsubscribe();
    this.pendingRetry = null;
  }
}

function subscribeData(topic: string, cursor: Cursor | undefined): { topic: string; cursor?: Cursor } {
  return cursor === undefined ? { topic } : { topic, cursor };
}
