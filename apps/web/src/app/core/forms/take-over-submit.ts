import { EventPhase } from '@angular/core/primitives/event-dispatch';

/** The fields of a form whose submit the app handles. */
export interface SubmittedForm {
  readonly element: HTMLFormElement;
  /** A text field, trimmed. */
  text(name: string): string;
  /** A field as typed: a password or a body keeps its spaces. */
  raw(name: string): string;
  checked(name: string): boolean;
}

/**
 * Takes a submit over from the browser, or says why not with null:
 * - it is Angular's replay of a submit made while the page hydrated. The forms are `method="post"` and the
 *   early event contract does not stop a submit, so the browser has already posted that one to the page
 *   itself (apps/api/src/page-forms) and is on its way to the answer: the app must not post it again;
 * - a write is in flight: a second click can come before the disabled fieldset is rendered.
 */
export function takeOverSubmit(event: SubmitEvent, busy: boolean): SubmittedForm | null {
  if (event.eventPhase === EventPhase.REPLAY) return null;
  event.preventDefault();
  if (busy) return null;
  const element = event.target as HTMLFormElement;
  const data = new FormData(element);
  const raw = (name: string) => String(data.get(name) ?? '');
  return { element, raw, text: (name) => raw(name).trim(), checked: (name) => data.get(name) === 'on' };
}
