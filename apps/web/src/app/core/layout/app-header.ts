import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { LiveConnection } from '@conduit/live-angular';
import { LiveStatusIndicator } from '../../shared/live-status/live-status-indicator';

@Component({
  selector: 'app-header',
  imports: [RouterLink, LiveStatusIndicator],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="app-header">
      <nav class="container app-header__nav" aria-label="Main">
        <a class="brand" routerLink="/">conduit</a>
        <app-live-status [status]="live.status()" />
      </nav>
    </header>
  `,
  styles: `
    .app-header { border-bottom: 1px solid var(--border); background: var(--surface); }
    .app-header__nav { display: flex; align-items: center; justify-content: space-between; min-height: 3.5rem; }
    .brand { color: var(--brand); font-weight: 700; font-size: 1.5rem; text-decoration: none; }
  `,
})
export class AppHeader {
  protected readonly live = inject(LiveConnection);
}
