import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import { visiblePages } from './pagination';

/** Page links that keep the current route and set `?page=` (none for page 1). */
@Component({
  selector: 'app-pagination',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (count() > 1) {
      <nav aria-label="Pages">
        <ul class="pagination">
          @for (page of pages(); track $index) {
            @if (page === null) {
              <li class="page-item gap" aria-hidden="true">…</li>
            } @else {
              <li class="page-item" [class.active]="page === current()">
                <a
                  class="page-link"
                  routerLink="."
                  [queryParams]="{ page: page === 1 ? null : page }"
                  queryParamsHandling="merge"
                  [attr.aria-current]="page === current() ? 'page' : null"
                  [attr.aria-label]="'Page ' + page"
                  >{{ page }}</a
                >
              </li>
            }
          }
        </ul>
      </nav>
    }
  `,
})
export class PaginationNav {
  readonly current = input.required<number>();
  readonly count = input.required<number>();
  protected readonly pages = computed(() => visiblePages(this.current(), this.count()));
}
