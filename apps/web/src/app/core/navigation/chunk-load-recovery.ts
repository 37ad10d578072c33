import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { NavigationEnd, RedirectCommand, Router, type NavigationError } from '@angular/router';
import { filter } from 'rxjs';
import { browserIsOffline } from '../api/api-errors';

/** How Chromium, Firefox and Safari word a lazy route's chunk that did not arrive (offline, or gone after a deploy). */
const CHUNK_LOAD_FAILURE = /Failed to fetch dynamically imported module|error loading dynamically imported module|Importing a module script failed/i;

export function isChunkLoadFailure(error: unknown): boolean {
  return CHUNK_LOAD_FAILURE.test(error instanceof Error ? error.message : String(error));
}

/**
 * A page whose code could not be fetched: the navigation is tried once more (a dropped connection, a
 * proxy's hiccup), and if that fails too the reader is told why and offered a full reload of the page they
 * asked for, which also picks up a new deploy's chunk names. Without this a click on a link did nothing.
 */
@Injectable({ providedIn: 'root' })
export class ChunkLoadRecovery {
  private readonly router = inject(Router);
  private readonly view = inject(DOCUMENT).defaultView;
  private readonly retried = new Set<string>();
  private readonly failedState = signal<{ url: string; offline: boolean } | null>(null);

  /** The page that could not be loaded, until a navigation succeeds. */
  readonly failed = this.failedState.asReadonly();

  constructor() {
    this.router.events.pipe(filter((event) => event instanceof NavigationEnd)).subscribe(() => {
      this.failedState.set(null);
      this.retried.clear();
    });
  }

  /** For `withNavigationErrorHandler`: a redirect to the same page is the retry. */
  handle(error: NavigationError): RedirectCommand | undefined {
    if (!isChunkLoadFailure(error.error)) return undefined;
    if (!this.retried.has(error.url)) {
      this.retried.add(error.url);
      return new RedirectCommand(this.router.parseUrl(error.url));
    }
    this.retried.delete(error.url);
    this.failedState.set({ url: error.url, offline: browserIsOffline() });
    return undefined;
  }

  reload(): void {
    const failed = this.failedState();
    if (failed) this.view?.location.assign(failed.url);
  }
}
