import type { TypingNotice } from '@conduit/contract';
import type { Observable } from 'rxjs';
import type { ReaderTally } from './reader-tally';

/**
 * Where the instances of a deployment meet to count the readers of a topic and pass `typing` on.
 * In-process by default; a Redis board plugs in behind the same abstract class (REDIS_URL).
 */
export abstract class PresenceBoard {
  abstract readonly name: string;
  /** Records this instance's readers of `topic` (none: it has left) and tells the other instances. */
  abstract share(topic: string, local: ReaderTally): Promise<void>;
  /** The readers of `topic` on every live instance, this one's being `local`. */
  abstract tally(topic: string, local: ReaderTally): Promise<ReaderTally>;
  /** Topics whose readers may have changed elsewhere: another instance's readers moved, or an instance died. */
  abstract readonly changed$: Observable<string>;
  /** Passes a notice to the other instances (this one delivers its own). */
  abstract shareTyping(notice: TypingNotice): void;
  /** Notices from the other instances. */
  abstract readonly typing$: Observable<TypingNotice>;
}
