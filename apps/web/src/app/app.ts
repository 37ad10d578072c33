import { CSP_NONCE, ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AppFooter } from './layout/app-footer';
import { UndoBar } from './core/deletion/undo-bar';
import { AppHeader } from './layout/app-header';
import { NavigationFailure } from './core/navigation/navigation-failure';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet, AppHeader, AppFooter, UndoBar, NavigationFailure],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Where the critical-CSS inliner (after the render) and the browser's Angular (for the styles it adds
  // later) find the response's CSP nonce.
  host: { '[attr.ngCspNonce]': 'cspNonce' },
  template: `
    <app-header />
    <main id="main"><app-navigation-failure /><router-outlet /></main>
    <app-footer />
    <app-undo-bar />
  `,
})
export class App {
  protected readonly cspNonce = inject(CSP_NONCE, { optional: true });
}
