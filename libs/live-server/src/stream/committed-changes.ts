import type { Observable } from 'rxjs';
import type { Cursor } from '@conduit/contract';
import type { CommittedChange } from './committed-change';

/** This instance's ordered, gap-free view of the committed stream (StreamTailer), as the app follows it. */
export abstract class CommittedChanges {
  /** Every committed change, of every instance, once and in cursor order. */
  abstract readonly changes$: Observable<CommittedChange>;
  /** A retention floor each time changes were pruned before this instance read them: they never reach `changes$`. */
  abstract readonly gaps$: Observable<Cursor>;
}
