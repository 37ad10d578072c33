import { Injectable, TransferState, inject, makeStateKey } from '@angular/core';
import type { PostedForm } from '@conduit/contract';
import { errorMessages } from '../api/api-errors';
import { injectRenderContext } from '../ssr/render-context';

const REFUSED_FORM_KEY = makeStateKey<PostedForm>('conduit-refused-form');

/** A form the server refused, as the page shows it again: the errors as lines, and what the reader typed. */
export class RefusedForm {
  /** The refusal in the shape of a failed API call, for the pages' own error display. */
  readonly failure: { error: { errors: PostedForm['errors'] } };
  readonly messages: string[];

  constructor(private readonly form: PostedForm) {
    this.failure = { error: { errors: form.errors } };
    this.messages = errorMessages(this.failure);
  }

  /** The text the reader posted in field `name`, or null when they posted none (a repeated field counts as none). */
  text(name: string): string | null {
    const value = this.form.values[name];
    return typeof value === 'string' ? value : null;
  }

  /** Every value of a field posted once per item (the editor's chosen tags). */
  list(name: string): string[] {
    return ([] as string[]).concat(this.form.values[name] ?? []);
  }
}

/**
 * The form the browser posted to this page natively (no script yet, or none) and the server refused
 * (apps/api/src/page-forms): the render shows it again, and hands it to the browser in the transfer
 * state, so that hydration keeps the errors and the inputs the server rendered. Taken once: a later
 * visit to the page starts afresh.
 */
@Injectable({ providedIn: 'root' })
export class RefusedForms {
  private readonly transferState = inject(TransferState);
  private pending: PostedForm | null;

  constructor() {
    const rendered = injectRenderContext()?.postedForm ?? null;
    if (rendered) this.transferState.set(REFUSED_FORM_KEY, rendered);
    this.pending = rendered ?? this.transferState.get(REFUSED_FORM_KEY, null);
    if (!rendered) this.transferState.remove(REFUSED_FORM_KEY);
  }

  take(): RefusedForm | null {
    const form = this.pending;
    this.pending = null;
    return form ? new RefusedForm(form) : null;
  }
}
