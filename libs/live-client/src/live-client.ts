import {
  CloseCode,
  TYPING_INTERVAL_MS,
  isAfter,
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
import type { BackoffOptions } from './backoff';
import { readEventStream, type FetchFn } from './event-stream';
import type { StreamEvent } from './event-stream.parser';
import type { LiveEvent, LiveStatus } from './live-event';
import { RetrySchedule } from './retry-schedule';
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
  /** The clock that spaces `typing` frames and times the restart window of retries; Date.now by default. */
  now?: () => number;
  /**
   * Absolute `http:`/`https:` URL of the server-sent events fallback (`/api/live`): used while sockets
   * cannot be opened (two in a row closed before the server said anything). Without it, no fallback.
   */
  eventStreamUrl?: string;
  /** Defaults to the global `fetch`. */
  fetch?: FetchFn;
  /** Server-sent events only, never a socket (`eventStreamUrl` required): for a network known to block WebSocket. */
  eventStreamOnly?: boolean;
}

/** Sockets in a row that close before the server answered anything, after which the client falls back to SSE. */
const FAILED_OPENS_BEFORE_FALLBACK = 2;

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
 * from the last cursor it applied, so a subscriber sees each change once, in cursor order. When sockets
 * cannot be opened it follows the topics over server-sent events (`eventStreamUrl`) meanwhile, and goes
 * back to a socket as soon as one answers; either way it applies each cursor once.
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
  private readonly socketRetries: RetrySchedule;
  private closedByPolicy = false;
  private networkDown = false;
  private authToken: string | null = null;
  /** An `auth` frame was sent on the current socket and is not answered yet: subscribes wait for it. */
  private authPending = false;
  private idleClose: Subscription | null = null;
  /** Sockets in a row that closed before their first frame: refused, or cut by something on the way. */
  private failedOpens = 0;
  /** Following the topics over server-sent events while sockets fail; a socket retry runs beside it. */
  private fallback: boolean;
  /** The event stream being read, if any. */
  private stream: AbortController | null = null;
  private readonly streamRetries: RetrySchedule;
  private pendingStreamRetry: Subscription | null = null;

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

  constructor(private readonly options: LiveClientOptions) {
    if (options.eventStreamOnly && !options.eventStreamUrl) throw new Error('eventStreamOnly needs eventStreamUrl');
    this.fallback = this.eventStreamOnly;
    this.socketRetries = new RetrySchedule(options.backoff, options.random, options.now);
    this.streamRetries = new RetrySchedule(options.backoff, options.random, options.now);
  }

  private get eventStreamOnly(): boolean {
    return this.options.eventStreamOnly === true;
  }

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
        else if (this.fallback) this.openStream();
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
    this.reconnectAsNewSession();
  }

  /**
   * For a browser whose identity travels in the session cookie of the upgrade (or event stream) request:
   * after sign-in or sign-out the open connection still speaks for the previous reader, so a new one is
   * opened. Topics resume there from their cursors; without an open connection there is nothing to do.
   */
  reconnectAsNewSession(): void {
    if (this.fallback) this.openStream();
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

  /**
   * Skips the backoff wait, e.g. when the tab becomes visible again or the reader asks to retry now. A 1008
   * close is final.
   */
  reconnectNow(): void {
    if (this.fallback && !this.stream && !this.networkDown && this.topics.size > 0) this.openStream();
    if (this.eventStreamOnly) return;
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
    this.fallback = this.eventStreamOnly;
    this.closeStream();
    this.status.next('offline');
  }

  private subscribeOnServer(name: string, state: TopicState): void {
    // One stream carries every topic: it is opened again with the new set.
    if (this.fallback) this.openStream();
    if (this.eventStreamOnly) return;
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
    let answered = false;
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
      next: (frame) => {
        if (!answered) this.onSocketAnswered();
        answered = true;
        if (frame) this.onFrame(frame as ServerFrame);
      },
      error: () => this.onClosed(socket, closeCode, answered),
      complete: () => this.onClosed(socket, closeCode, answered),
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
        if (state && state.cursor === undefined) state.cursor = frame.data.cursor;
        this.socketRetries.reset();
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
    if (!state || state.awaitingSnapshot) return;
    // Replays after a reconnect and changes already in the snapshot arrive again: keep each cursor once.
    if (state.cursor !== undefined && !isAfter(change.cursor, state.cursor)) return;
    state.cursor = change.cursor;
    state.events.next({ kind: 'change', change });
  }

  private onClosed(socket: WebSocketSubject<unknown>, code: number | undefined, answered: boolean): void {
    if (socket !== this.socket) return;
    this.socket = null;
    this.connection = null;
    this.authPending = false;
    this.failedOpens = answered ? 0 : this.failedOpens + 1;
    if (code === CloseCode.PolicyViolation) {
      this.closedByPolicy = true;
      this.closeStream();
      this.status.next('offline');
      return;
    }
    if (this.networkDown || this.topics.size === 0) {
      this.status.next('offline');
      return;
    }
    if (!this.fallback && this.failedOpens >= FAILED_OPENS_BEFORE_FALLBACK && this.options.eventStreamUrl) {
      this.fallback = true;
      this.openStream();
    }
    // While the event stream carries the topics, the page is live: the socket is retried quietly.
    if (!this.fallback) this.status.next('reconnecting');
    if (code === CloseCode.GoingAway) this.socketRetries.serverGoingAway();
    this.pendingRetry = timer(this.socketRetries.nextDelay()).subscribe(() => {
      this.pendingRetry = null;
      this.connect();
    });
  }

  /**
   * A socket works again: it takes over from the event stream. Its subscribes went out with the cursors
   * applied when it was opened, so it replays what the stream delivered since, which `apply` drops.
   */
  private onSocketAnswered(): void {
    this.failedOpens = 0;
    if (!this.fallback) return;
    this.fallback = false;
    this.closeStream();
  }

  /** (Re)opens the event stream for every topic, from the oldest cursor applied: `apply` drops what a topic holds. */
  private openStream(): void {
    this.closeStream();
    const topics = [...this.topics].filter(([, state]) => !state.awaitingSnapshot);
    if (topics.length === 0) return;
    const url = new URL(this.options.eventStreamUrl!);
    for (const [name] of topics) url.searchParams.append('topic', name);
    const cursors = topics.map(([, state]) => state.cursor).filter((cursor): cursor is Cursor => cursor !== undefined);
    if (cursors.length > 0) url.searchParams.set('cursor', cursors.reduce((oldest, cursor) => (isAfter(oldest, cursor) ? cursor : oldest)));
    const abort = new AbortController();
    this.stream = abort;
    const fetchFn = this.options.fetch ?? ((input, init) => fetch(input, init));
    const headers: Record<string, string> = this.authToken ? { authorization: `Token ${this.authToken}` } : {};
    let opened = false;
    readEventStream(fetchFn, url.toString(), headers, abort.signal, {
      onOpen: () => {
        if (this.stream !== abort) return;
        opened = true;
        this.streamRetries.reset();
        this.status.next('fallback');
      },
      onEvent: (event) => {
        if (this.stream === abort) this.onStreamEvent(event);
      },
    })
      .catch(() => undefined)
      .finally(() => {
        if (this.stream !== abort) return;
        this.stream = null;
        if (!this.fallback) return;
        // Ended by the server (a restart, a slow read) or refused: again after a while, from the cursors applied.
        // A stream has no close code: one that had opened and ended is taken for a restart, like a 1001.
        this.status.next('reconnecting');
        if (opened) this.streamRetries.serverGoingAway();
        this.pendingStreamRetry = timer(this.streamRetries.nextDelay()).subscribe(() => {
          this.pendingStreamRetry = null;
          if (this.fallback) this.openStream();
        });
      });
  }

  private onStreamEvent(event: StreamEvent): void {
    if (event.event !== 'change' && event.event !== 'reset') return;
    // The data of a stream event is that of the socket frame of the same name.
    const frame = parseServerFrame(`{"event":${JSON.stringify(event.event)},"data":${event.data}}`);
    if (frame) this.onFrame(frame);
  }

  private closeStream(): void {
    this.pendingStreamRetry?.unsubscribe();
    this.pendingStreamRetry = null;
    const stream = this.stream;
    this.stream = null;
    stream?.abort();
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
    this.fallback = this.eventStreamOnly;
    this.closeStream();
    this.failedOpens = 0;
    this.socketRetries.reset();
    this.streamRetries.reset();
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
