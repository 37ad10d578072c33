import { EventPhase } from '@angular/core/primitives/event-dispatch';

/**
 * Whether a submit is Angular's replay of one made while the page hydrated. The forms are `method="post"`
 * and the early event contract does not stop a submit, so the browser has already posted that one to the
 * page itself (apps/api/src/page-forms) and is on its way to the answer: the app must not post it again.
 */
export const postedByTheBrowser = (event: Event): boolean => event.eventPhase === EventPhase.REPLAY;
