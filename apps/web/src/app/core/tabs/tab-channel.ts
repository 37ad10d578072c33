import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { DestroyRef, Injectable, PLATFORM_ID, inject } from '@angular/core';
import { EMPTY, Observable, Subject, filter, map } from 'rxjs';
import { parseTabMessage, type TabMessage } from './tab-message';

const CHANNEL_NAME = 'conduit';

/**
 * The app's line to its other tabs in this browser (BroadcastChannel, same origin only): a sign-out, a
 * sign-in or a follow in one tab reaches the others, which share its session cookie but not its state.
 * A tab never receives its own messages. Nothing on the server, and nothing where the browser has no
 * BroadcastChannel.
 */
@Injectable({ providedIn: 'root' })
export class TabChannel {
  private readonly channel: BroadcastChannel | null;
  private readonly received = new Subject<unknown>();

  /** Messages of the other tabs. */
  readonly messages$: Observable<TabMessage>;

  constructor() {
    const view = inject(DOCUMENT).defaultView;
    const Channel = isPlatformBrowser(inject(PLATFORM_ID)) ? view?.BroadcastChannel : undefined;
    this.channel = Channel ? new Channel(CHANNEL_NAME) : null;
    if (!this.channel) {
      this.messages$ = EMPTY;
      return;
    }
    this.channel.onmessage = (event: MessageEvent) => this.received.next(event.data);
    this.messages$ = this.received.pipe(
      map(parseTabMessage),
      filter((message): message is TabMessage => message !== null),
    );
    inject(DestroyRef).onDestroy(() => this.channel?.close());
  }

  post(message: TabMessage): void {
    this.channel?.postMessage(message);
  }
}
