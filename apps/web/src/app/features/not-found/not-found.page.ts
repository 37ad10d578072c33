import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { PageMeta } from '../../core/seo/page-meta';

@Component({
  selector: 'app-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="container page">
      <h1>Page not found</h1>
      <p>There is nothing at this address. <a routerLink="/">Back to the articles</a></p>
    </div>
  `,
})
export class NotFoundPage {
  constructor() {
    inject(PageMeta).notFound('Page');
  }
}
