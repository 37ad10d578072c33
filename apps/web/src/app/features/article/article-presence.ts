import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import type { Presence } from '@conduit/contract';
import { asyncScheduler, filter, throttleTime } from 'rxjs';

/** A screen reader hears the count change at most this often; the visible count is always current. */
export const PRESENCE_ANNOUNCE_INTERVAL_MS = 10_000;

/**
 * "3 reading now", with the signed-in readers' names on hover or focus. Rendered empty on the server
 * (no socket there) and filled once the browser's socket is live.
 */
@Component({
  selector: 'app-article-presence',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="article-presence">
      <span
        class="article-presence__count"
        data-testid="presence"
        [attr.tabindex]="names() ? 0 : null"
        [attr.aria-describedby]="names() ? 'presence-names' : null"
        >{{ text() }}</span
      >
      @if (names()) {
        <span id="presence-names" class="article-presence__names" role="tooltip" data-testid="presence-names">{{ names() }}</span>
      }
    </p>
    <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>
  `,
  styles: `
    /* On the article banner's dark background, like its dates. */
    .article-presence { position: relative; display: block; margin: 0.5rem 0 0; min-height: 1.5em; color: #e5f2e5; font-size: 0.9rem; }
    .article-presence__names { display: none; position: absolute; left: 0; top: 100%; z-index: 1; padding: 0.3rem 0.6rem;
      border-radius: var(--radius); background: var(--surface); color: var(--text); white-space: nowrap; }
    .article-presence__count:hover + .article-presence__names,
    .article-presence__count:focus + .article-presence__names { display: block; }
  `,
})
export class ArticlePresence {
  readonly presence = input.required<Presence | null>();
  protected readonly text = computed(() => {
    const presence = this.presence();
    return presence ? `${presence.readers} reading now` : '';
  });
  protected readonly names = computed(() => {
    const presence = this.presence();
    return presence && presence.names.length > 0 ? `Signed in: ${presence.names.join(', ')}` : '';
  });
  /** The first count at once, then at most one every interval (the latest), so a busy article does not chatter. */
  protected readonly announcement = toSignal(
    toObservable(this.text).pipe(
      // Empty during SSR: no timer there, which would keep the render from becoming stable.
      filter((text) => text !== ''),
      throttleTime(PRESENCE_ANNOUNCE_INTERVAL_MS, asyncScheduler, { leading: true, trailing: true }),
    ),
    { initialValue: '' },
  );
}
