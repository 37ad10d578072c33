import { DOCUMENT, isPlatformBrowser } from '@angular/common';
import { Injectable, PLATFORM_ID, computed, inject, signal } from '@angular/core';
import type { Observable } from 'rxjs';
import { errorMessages } from '../api/api-errors';

/** How long a deletion can be undone before its DELETE leaves. */
export const UNDO_WINDOW_MS = 5_000;

export interface DeletionRequest {
  /** What is deleted, as the lists that hide it name it (`articleKey`, `commentKey`). */
  key: string;
  /** How the reader calls it: "Comment", "Article “Title”". */
  what: string;
  /** The DELETE; `keepalive` when the page is going away and the request must outlive it. */
  send(options: { keepalive: boolean }): Observable<unknown>;
}

export interface Deletion {
  key: string;
  what: string;
  state: 'waiting' | 'sending' | 'failed';
  failure?: string;
}

/** Identity of an article in a list: the slug alone is not it, as a deleted article's slug may be taken again. */
export const articleKey = (article: { slug: string; createdAt: string }): string => `article:${article.slug}:${article.createdAt}`;
export const commentKey = (id: number): string => `comment:${id}`;

/**
 * Deletions with a 5 s undo. The item leaves every list at once; the DELETE is sent only once the window
 * has passed, so an undo never has anything to take back. The window outlives in-app navigation (this is
 * app-wide); a page that goes away (reload, another site, the tab closed) sends what is still waiting at
 * once, as a keepalive request, since the reader asked for it and did not undo. If that request fails too,
 * the item simply stays on the server, and shows again on the next page. A failed DELETE puts the item
 * back in its lists and says why, where the undo was.
 */
@Injectable({ providedIn: 'root' })
export class PendingDeletions {
  private readonly entries = signal<readonly Deletion[]>([]);
  /** Deleted for good: hidden until the stream or a fresh page drops them, so they never flash back. */
  private readonly deleted = signal<ReadonlySet<string>>(new Set());
  private readonly waiting = new Map<string, { request: DeletionRequest; timer: ReturnType<typeof setTimeout> }>();

  /** What the undo bar shows. */
  readonly shown = this.entries.asReadonly();
  /** The keys lists leave out: waiting, being sent, or gone. */
  readonly hidden = computed<ReadonlySet<string>>(
    () => new Set([...this.entries().filter((entry) => entry.state !== 'failed').map((entry) => entry.key), ...this.deleted()]),
  );

  constructor() {
    if (isPlatformBrowser(inject(PLATFORM_ID))) {
      inject(DOCUMENT).defaultView?.addEventListener('pagehide', () => this.sendWaiting({ keepalive: true }));
    }
  }

  schedule(request: DeletionRequest): void {
    const held = this.entries().find((entry) => entry.key === request.key);
    if (held && held.state !== 'failed') return;
    const timer = setTimeout(() => this.send(request.key, { keepalive: false }), UNDO_WINDOW_MS);
    this.waiting.set(request.key, { request, timer });
    this.put({ key: request.key, what: request.what, state: 'waiting' });
  }

  /** Takes a deletion back while its window is open; afterwards there is nothing left to undo. */
  undo(key: string): void {
    const waiting = this.waiting.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(key);
    this.drop(key);
  }

  /** Closes a failure's message. */
  dismiss(key: string): void {
    if (this.entries().find((entry) => entry.key === key)?.state === 'failed') this.drop(key);
  }

  private sendWaiting(options: { keepalive: boolean }): void {
    for (const key of [...this.waiting.keys()]) this.send(key, options);
  }

  private send(key: string, options: { keepalive: boolean }): void {
    const waiting = this.waiting.get(key);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.waiting.delete(key);
    const { request } = waiting;
    this.put({ key, what: request.what, state: 'sending' });
    request.send(options).subscribe({
      next: () => undefined,
      complete: () => {
        this.deleted.update((deleted) => new Set([...deleted, key]));
        this.drop(key);
      },
      error: (error: unknown) => this.put({ key, what: request.what, state: 'failed', failure: errorMessages(error).join(' ') }),
    });
  }

  private put(deletion: Deletion): void {
    this.entries.update((entries) =>
      entries.some((entry) => entry.key === deletion.key)
        ? entries.map((entry) => (entry.key === deletion.key ? deletion : entry))
        : [...entries, deletion],
    );
  }

  private drop(key: string): void {
    this.entries.update((entries) => entries.filter((entry) => entry.key !== key));
  }
}
