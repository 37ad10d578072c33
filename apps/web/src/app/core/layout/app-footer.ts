import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-footer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <footer class="app-footer">
      <div class="container"><p>conduit &middot; an interactive learning project, with live updates</p></div>
    </footer>
  `,
  styles: `
    .app-footer { margin-top: 3rem; padding: 1rem 0; background: var(--surface-muted); color: var(--muted); font-size: 0.85rem; }
    .app-footer p { margin: 0; }
  `,
})
export class AppFooter {}
