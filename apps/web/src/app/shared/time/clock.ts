import { DestroyRef, Injectable, inject, signal } from '@angular/core';

/** How often relative dates are brought up to date: "just now" turns into "1 minute ago" at most this late. */
const TICK_MS = 30_000;

/**
 * The reader's "now", for relative dates. Null until the app runs in the browser: the server, its page
 * cache and the hydrating browser all print the same absolute date, so no relative text is ever frozen
 * into a cached page or differs between the server's markup and the browser's first render.
 */
@Injectable({ providedIn: 'root' })
export class Clock {
  private readonly nowState = signal<number | null>(null);
  readonly now = this.nowState.asReadonly();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearInterval(this.timer));
  }

  /** Called once a date has rendered in the browser (never on the server); later calls change nothing. */
  start(): void {
    if (this.timer !== undefined) return;
    this.nowState.set(Date.now());
    this.timer = setInterval(() => this.nowState.set(Date.now()), TICK_MS);
  }
}
