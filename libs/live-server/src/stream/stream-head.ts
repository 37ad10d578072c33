import type { Cursor } from '@conduit/contract';

/** The newest committed cursor: a REST snapshot reads it before its rows, so it is never behind it. */
export abstract class StreamHead {
  /** "0" for an empty stream. */
  abstract head(): Promise<Cursor>;
}
