import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
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
              <button type="button" class="btn btn-sm btn-outline-primary" (click)="deletions.undo(deletion.key)">Undo</button>
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
  protected readonly pending = computed(() => this.deletions.shown().filter((deletion) => deletion.state !== 'failed'));
  protected readonly failed = computed(() => this.deletions.shown().filter((deletion) => deletion.state === 'failed'));
}
