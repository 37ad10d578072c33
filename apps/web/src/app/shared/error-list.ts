import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** API and validation errors of a form (`ul.error-messages`), announced when they appear. */
@Component({
  selector: 'app-error-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div role="alert">
      @if (messages().length) {
        <ul class="error-messages">
          @for (message of messages(); track $index) {
            <li>{{ message }}</li>
          }
        </ul>
      }
    </div>
  `,
})
export class ErrorList {
  readonly messages = input<readonly string[]>([]);
}
