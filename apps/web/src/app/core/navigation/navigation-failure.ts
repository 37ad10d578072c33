import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ChunkLoadRecovery } from './chunk-load-recovery';

/** Says that the page asked for could not be loaded, and offers to load it again. */
@Component({
  selector: 'app-navigation-failure',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="alert">
      @if (recovery.failed(); as failed) {
        <div class="container">
          <p class="navigation-failure" data-testid="navigation-failure">
            {{ failed.offline ? 'You are offline: this page could not be loaded.' : 'This page could not be loaded.' }}
            <button type="button" class="btn btn-sm btn-primary" (click)="recovery.reload()">Reload</button>
          </p>
        </div>
      }
    </div>
  `,
  styles: `
    .navigation-failure {
      display: flex; flex-wrap: wrap; align-items: center; gap: 0.75rem; margin: 1rem 0 0; padding: 0.6rem 0.75rem;
      color: var(--danger); background: var(--danger-soft); border-radius: var(--radius);
    }
  `,
})
export class NavigationFailure {
  protected readonly recovery = inject(ChunkLoadRecovery);
}
