import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import {
  DestroyRef,
  Injectable,
  InjectionToken,
  PLATFORM_ID,
  afterNextRender,
  computed,
  inject,
  signal,
  type Signal,
} from '@angular/core';
import { LIVE_EVENTS_PATH, LIVE_PATH, type Cursor, type Presence } from '@conduit/contract';
import type { BackoffOptions, LiveClient, LiveEvent, LiveStatus } from '@conduit/live-client';
import { ReplaySubject, defer, filter, finalize, fromEvent, map, merge, switchMap, take, type Observable } from 'rxjs';

export interface LiveClientConfig {
  /** Path of the socket on the page's own origin; PROTOCOL.md's `/ws` by default. */
  path?: string;
  backoff?: BackoffOptions;
  /** How long the socket outlives the last topic, so that a page change reuses it; 3 s by default. */
  idleCloseMs?: number;
}

/** What the page shows: the client's status, or `idle` while the page follows no topic and needs no socket. */
export type LivePageStatus = LiveStatus | 'idle';

export const LIVE_CLIENT_CONFIG = new InjectionToken<LiveClientConfig>('LIVE_CLIENT_CONFIG', {
  factory: () => ({}),
});

/** How long an idle callback may wait on a busy page before the socket opens anyway. */
const START_WITHIN_MS = 1_000;

/**
 * The app's handle on the live stream. The LiveClient, and so the socket, exists only in the browser and
 * only after the first render there (hydration): during SSR a topic never emits and opens nothing, since an
 * open socket keeps an app from becoming stable (angular/angular#50291).
 * Even in the browser it waits for the first idle moment after hydration, and its code is a chunk of its
 * own: on a slow phone, loading and opening it inside hydration's task is blocking time the reader feels.
 * Waiting loses nothing, since each topic subscribes from the cursor its server-rendered snapshot carried.
 */
@Injectable()
export class LiveConnection {
  private readonly document = inject(DOCUMENT);
  private readonly config = inject(LIVE_CLIENT_CONFIG);
  private readonly destroyRef = inject(DestroyRef);
  private readonly client$ = new ReplaySubject<LiveClient>(1);
  private client: LiveClient | null = null;
  private reader: string | null = null;
  private readonly clientStatus = signal<LiveStatus>('connecting');
  /** Topics the page follows now (subscribed observables of `topic()`). */
  private readonly followed = signal(0);
  private destroyed = false;

  /**
   * `idle` on a page that follows nothing (a form, a settings page), where no socket is opened or kept;
   * otherwise the client's status, `connecting` until the browser connects, which is what a
   * server-rendered page with live lists shows.
   */
  readonly status: Signal<LivePageStatus> = computed(() => (this.followed() === 0 ? 'idle' : this.clientStatus()));

  constructor() {
    if (!isPlatformBrowser(inject(PLATFORM_ID))) return;
    this.destroyRef.onDestroy(() => (this.destroyed = true));
    afterNextRender(() => this.whenIdle(() => void this.start()));
  }

  /** Events of `topic` after `fromCursor`; emits only once the browser has hydrated. */
  topic(name: string, fromCursor?: Cursor): Observable<LiveEvent> {
    return defer(() => {
      this.followed.update((count) => count + 1);
      return this.client$.pipe(
        take(1),
        switchMap((client) => client.topic(name, fromCursor)),
        finalize(() => this.followed.update((count) => count - 1)),
      );
    });
  }

  /** Who reads `topic` (a topic with presence the page follows); emits only once the browser has hydrated. */
  presence(topic: string): Observable<Presence> {
    return this.client$.pipe(
      take(1),
      switchMap((client) => client.presence$),
      filter((presence) => presence.topic === topic),
    );
  }

  /** Usernames of the other readers of `topic` as they write a comment, one per `typing` frame. */
  typists(topic: string): Observable<string> {
    return this.client$.pipe(
      take(1),
      switchMap((client) => client.typing$),
      filter((notice) => notice.topic === topic),
      map((notice) => notice.username),
    );
  }

  /** The signed-in reader is writing a comment on `topic`: call it on every keystroke (the client spaces them). */
  typing(topic: string): void {
    this.client?.typing(topic);
  }

  /**
   * Who reads (a username; null when signed out). The socket speaks for the reader through the session cookie
   * of its upgrade, so a change of reader opens a new socket, which resumes every topic from its cursor. Safe
   * to call during SSR.
   */
  setReader(reader: string | null): void {
    if (reader === this.reader) return;
    this.reader = reader;
    this.renewSession();
  }

  /** The session cookie was renewed (a new password revokes the token the socket was opened with): reopen. */
  renewSession(): void {
    this.client?.reconnectAsNewSession();
  }

  /** The reader asks to retry now rather than wait out the backoff ("Retry now"). */
  reconnectNow(): void {
    this.client?.reconnectNow();
  }

  /** After a `reset`: go on from the cursor of the snapshot just fetched. */
  resubscribe(name: string, cursor: Cursor): void {
    this.client?.resubscribe(name, cursor);
  }

  private whenIdle(run: () => void): void {
    const view = this.document.defaultView;
    if (view?.requestIdleCallback) view.requestIdleCallback(run, { timeout: START_WITHIN_MS });
    else setTimeout(run);
  }

  private async start(): Promise<void> {
    const { LiveClient } = await import('@conduit/live-client');
    if (this.destroyed) return;
    const location = this.document.location;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = new LiveClient({
      url: `${scheme}//${location.host}${this.config.path ?? LIVE_PATH}`,
      eventStreamUrl: `${location.protocol}//${location.host}${LIVE_EVENTS_PATH}`,
      backoff: this.config.backoff,
      idleCloseMs: this.config.idleCloseMs ?? 3_000,
    });
    const view = this.document.defaultView;
    const subscription = client.status$.subscribe((status) => this.clientStatus.set(status));
    if (view) {
      if (view.navigator.onLine === false) client.setOnline(false);
      subscription.add(
        merge(fromEvent(view, 'online'), fromEvent(view, 'offline')).subscribe(() =>
          client.setOnline(view.navigator.onLine),
        ),
      );
      // A hidden tab's timers are throttled: retry at once when the user comes back.
      subscription.add(
        fromEvent(this.document, 'visibilitychange').subscribe(() => {
          if (this.document.visibilityState === 'visible') client.reconnectNow();
        }),
      );
    }
    this.destroyRef.onDestroy(() => {
      subscription.unsubscribe();
      client.close();
    });
    this.client = client;
    this.client$.next(client);
  }
}
