import { ChangeDetectionStrategy, Component, afterNextRender, computed, input, output, signal } from '@angular/core';
import type { LivePageStatus, LiveStatus } from '@conduit/live-angular';

const LABELS: Record<LiveStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  fallback: 'Live (fallback)',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/**
 * Says whether the page is receiving updates; announced politely to screen readers when it changes.
 * Hidden on a page that follows nothing, rather than removed, so the live region is in place before
 * the first status worth announcing. Hidden too until the app runs in the browser: without JavaScript
 * there is no socket, and a server-rendered "Connecting…" would never change. While reconnecting, "Retry now"
 * asks for a new socket at once rather than at the end of the backoff; it sits outside the live region, so
 * only the status itself is announced.
 */
@Component({
  selector: 'app-live-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="live-status" data-testid="live-status" [attr.data-status]="status()" [hidden]="!running() || status() === 'idle'" role="status" aria-live="polite">
      <span class="live-status__dot" aria-hidden="true"></span>
      <span class="visually-hidden">Updates: </span>{{ label() }}
    </p>
    @if (running() && status() === 'reconnecting') {
      <button type="button" class="live-status__retry" data-testid="live-retry" (click)="retry.emit()">
        <span class="live-status__retry-icon" aria-hidden="true">↻</span><span class="live-status__retry-label">Retry now</span>
      </button>
    }
  `,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 0.4rem; }
    .live-status { display: inline-flex; align-items: center; gap: 0.4rem; margin: 0; padding: 0.2rem 0.6rem;
      border-radius: 999px; font-size: 0.8rem; background: var(--surface-muted); color: var(--muted); }
    .live-status[hidden] { display: none; }
    .live-status__dot { width: 0.55rem; height: 0.55rem; border-radius: 50%; background: currentColor; }
    .live-status[data-status='live'], .live-status[data-status='fallback'] { color: var(--brand-dark); background: var(--brand-soft); }
    .live-status[data-status='reconnecting'] { color: var(--warning); background: var(--warning-soft); }
    .live-status[data-status='offline'] { color: var(--danger); background: var(--danger-soft); }
    .live-status__retry { padding: 0.2rem 0.6rem; border: 1px solid currentColor; border-radius: 999px; font-size: 0.8rem;
      background: var(--warning-soft); color: var(--warning); cursor: pointer; }
    .live-status__retry-icon { display: none; }
    /* On a phone the navbar keeps one row: the button shows its icon alone, and keeps its name for screen readers. */
    @media (max-width: 399.98px) {
      .live-status__retry { padding: 0.2rem 0.45rem; }
      .live-status__retry-icon { display: inline; }
      .live-status__retry-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
    }
  `,
})
export class LiveStatusIndicator {
  readonly status = input.required<LivePageStatus>();
  /** The reader pressed "Retry now". */
  readonly retry = output();
  protected readonly running = signal(false);
  protected readonly label = computed(() => {
    const status = this.status();
    return status === 'idle' ? '' : LABELS[status];
  });

  constructor() {
    afterNextRender(() => this.running.set(true));
  }
}
