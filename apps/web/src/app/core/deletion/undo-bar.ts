import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, effect, inject } from '@angular/core';
import { PendingDeletions } from './pending-deletions';

/**
 * The deletions of this tab, over every page: "Comment deleted. Undo" while the window is open, and why a
 * DELETE failed once it was sent (the item is back in its list by then). The regions are always in the
 * page, so screen readers announce what enters them.
 */
@Component({
  selector: 'app-undo-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="undo-bar">
      <div role="status">
        @for (deletion of pending(); track deletion.key) {
          <p class="undo-item" data-testid="undo-deletion">
            @if (deletion.state === 'waiting') {
              <span>{{ deletion.what }} deleted.</span>
              <button type="button" class="btn btn-sm btn-outline-primary" [attr.data-key]="deletion.key" (click)="deletions.undo(deletion.key)">Undo</button>
            } @else {
              <span>Deleting {{ deletion.what }}…</span>
            }
          </p>
        }
      </div>
      <div role="alert">
        @for (deletion of failed(); track deletion.key) {
          <p class="undo-item undo-item--failed" data-testid="deletion-failed">
            <span>{{ deletion.what }} could not be deleted. {{ deletion.failure }}</span>
            <button type="button" class="btn btn-sm btn-outline-secondary" [attr.aria-label]="'Dismiss: ' + deletion.what + ' could not be deleted'" (click)="deletions.dismiss(deletion.key)">Dismiss</button>
          </p>
        }
      </div>
    </div>
  `,
  styles: `
    .undo-bar { position: fixed; inset: auto 0 1rem; display: flex; flex-direction: column; align-items: center; gap: 0.5rem; pointer-events: none; z-index: 10; }
    .undo-bar > div { display: flex; flex-direction: column; align-items: center; gap: 0.5rem; }
    .undo-item {
      pointer-events: auto; display: flex; align-items: center; gap: 0.75rem; margin: 0; padding: 0.5rem 0.75rem;
      background: var(--surface); color: var(--text); border: 1px solid var(--border); border-radius: var(--radius);
      box-shadow: 0 2px 8px rgb(0 0 0 / 15%);
    }
    .undo-item--failed { color: var(--danger); background: var(--danger-soft); }
  `,
})
export class UndoBar {
  protected readonly deletions = inject(PendingDeletions);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly document = inject(DOCUMENT);
  private readonly injector = inject(Injector);
  protected readonly pending = computed(() => this.deletions.shown().filter((deletion) => deletion.state !== 'failed'));
  protected readonly failed = computed(() => this.deletions.shown().filter((deletion) => deletion.state === 'failed'));
  private readonly offered = new Set<string>();

  constructor() {
    effect(() => {
      const pending = this.pending();
      for (const key of this.offered) if (!pending.some((deletion) => deletion.key === key)) this.offered.delete(key);
      const fresh = pending.filter((deletion) => deletion.state === 'waiting' && !this.offered.has(deletion.key));
      for (const deletion of fresh) {
        this.offered.add(deletion.key);
        afterNextRender(() => this.offerUndo(deletion.key), { injector: this.injector });
      }
    });
  }

  /**
   * The Delete button a keyboard reader pressed went with its item: rather than leave focus on nothing,
   * it goes to the Undo. A reader whose focus is somewhere real (a click, then a tab on) keeps it.
   */
  private offerUndo(key: string): void {
    const active = this.document.activeElement;
    if (active && active !== this.document.body && active.isConnected) return;
    const buttons = this.host.nativeElement.querySelectorAll<HTMLElement>('button[data-key]');
    Array.from(buttons).find((button) => button.dataset['key'] === key)?.focus();
  }
}
