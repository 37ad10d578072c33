import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import type { CanDeactivateFn } from '@angular/router';

/** A page that holds what the reader typed and has not saved yet. */
export interface HoldsUnsavedChanges {
  hasUnsavedChanges(): boolean;
}

export const UNSAVED_CHANGES_QUESTION = 'You have unsaved changes. Leave this page? (Your draft stays on this device.)';

/**
 * Asks before an in-app navigation leaves unsaved changes; a reload or another site is `beforeunload`'s
 * (the page's). The browser's own confirm: modal, focused, spoken, and answered from the keyboard.
 */
export const confirmUnsavedChanges: CanDeactivateFn<HoldsUnsavedChanges> = (page) =>
  !page.hasUnsavedChanges() || (inject(DOCUMENT).defaultView?.confirm(UNSAVED_CHANGES_QUESTION) ?? true);
