import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import {
  DestroyRef,
  Injectable,
  InjectionToken,
  PLATFORM_ID,
  afterNextRender,
  inject,
  signal,
  type Signal,
} from '@angular/core';
import { LIVE_PATH, type Cursor } from '@conduit/contract';
import { LiveClient, type BackoffOptions, type LiveEvent, type LiveStatus } from '@conduit/live-client';
import { ReplaySubject, fromEvent, merge, switchMap, take, type Observable } from 'rxjs';

export interface LiveClientConfig {
  /** Path of the socket on the page's own origin; PROTOCOL.md's `/ws` by default. */
  path?: string;
  backoff?: BackoffOptions;
  /** How long the socket outlives the last topic, so that a page change reuses it; 3 s by default. */
  idleCloseMs?: number;
}

export const LIVE_CLIENT_CONFIG = new InjectionToken<LiveClientConfig>('LIVE_CLIENT_CONFIG', {
  factory: () => ({}),
});

/**
 * The app's handle on the live stream. The LiveClient, and so the socket, exists only in the browser and
 * only after the first render there (hydration): during SSR a topic never emits and opens nothing, since an
 * open socket keeps an app from becoming stable (angular/angular#50291).
 */
@Injectable()
export class LiveConnection {
  private readonly document = inject(DOCUMENT);
  private readonly config = inject(LIVE_CLIENT_CONFIG);
  private readonly destroyRef = inject(DestroyRef);
  private readonly client$ = new ReplaySubject<LiveClient>(1);
  private client: LiveClient | null = null;
  private authToken: string | null = null;
  private readonly statusSignal = signal<LiveStatus>('connecting');

  /** `connecting` until the browser connects; what a server-rendered page shows. */
  readonly status: Signal<LiveStatus> = this.statusSignal.asReadonly();

  constructor() {
    if (!isPlatformBrowser(inject(PLATFORM_ID))) return;
    afterNextRender(() => this.start());
  }

  /** Events of `topic` after `fromCursor`; emits only once the browser has hydrated. */
  topic(name: string, fromCursor?: Cursor): Observable<LiveEvent> {
    return this.client$.pipe(
      take(1),
      switchMap((client) => client.topic(name, fromCursor)),
    );
  }

  /** The reader's JWT for auth-only topics (`feed`); null when signed out. Safe to call during SSR. */
  setAuthToken(token: string | null): void {
    this.authToken = token;
    this.client?.setAuthToken(token);
  }

  /** After a `reset`: go on from the cursor of the snapshot just fetched. */
  resubscribe(name: string, cursor: Cursor): void {
    this.client?.resubscribe(name, cursor);
  }

  private start(): void {
    const location = this.document.location;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const client = new LiveClient({
      url: `${scheme}//${location.host}${this.config.path ?? LIVE_PATH}`,
      backoff: this.config.backoff,
      idleCloseMs: this.config.idleCloseMs ?? 3_000,
    });
    client.setAuthToken(this.authToken);
    const view = this.document.defaultView;
    const subscription = client.status$.subscribe((status) => this.statusSignal.set(status));
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
