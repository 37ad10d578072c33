import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@conduit/contract';

/**
 * The API's rules for a new password (libs/contract), shown under the field before any submit, and how
 * the password typed so far meets them. Server-rendered, so a reader without the app's script reads the
 * rule too. Not a `minlength` on the field: the browser would then refuse the submit with its own bubble
 * instead of the app's error list, which the RealWorld front-end suite reads.
 */
@Component({
  selector: 'app-password-rules',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'hint password-rules', '[attr.data-state]': 'state()' },
  // The state's leading space is inside its span: Angular drops the whitespace between blocks.
  template: `At least {{ min }} characters{{ optional() ? ', or empty to keep it' : '' }}.
    @switch (state()) {
      @case ('short') { <span class="password-rules__state"> {{ min - length() }} more to go.</span> }
      @case ('long') { <span class="password-rules__state"> At most {{ max }}: {{ length() - max }} too many.</span> }
      @case ('ok') { <span class="password-rules__state"> ✓ Long enough.</span> }
    }`,
  styles: `
    :host { display: block; margin-top: 0.25rem; font-size: 0.875rem; color: var(--muted); }
    :host([data-state='short']) .password-rules__state,
    :host([data-state='long']) .password-rules__state { color: var(--danger); }
    :host([data-state='ok']) .password-rules__state { color: var(--brand-dark); }
  `,
})
export class PasswordRules {
  /** How many characters the field holds now. */
  readonly length = input.required<number>();
  /** Settings: an empty field keeps the current password. */
  readonly optional = input(false);
  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly max = PASSWORD_MAX_LENGTH;
  protected readonly state = computed(() => {
    const length = this.length();
    if (length === 0) return 'empty';
    if (length < PASSWORD_MIN_LENGTH) return 'short';
    return length > PASSWORD_MAX_LENGTH ? 'long' : 'ok';
  });
}
