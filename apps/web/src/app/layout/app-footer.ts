import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-footer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <footer class="app-footer">
      <div class="container"><p>conduit &middot; an interactive learning project, with live updates</p></div>
    </footer>
  `,
})
export class AppFooter {}
