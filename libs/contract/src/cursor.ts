/**
 * Stream cursors are decimal digit strings that grow in commit order (PROTOCOL.md, "Cursors").
 * They may exceed 2^53, so they are never compared as Number. Without leading zeros, the longer
 * string is the bigger number and equal lengths compare as text: the same order as BigInt, without
 * allocating one per comparison on the fan-out hot path.
 */
export type Cursor = string;

/** The header on REST snapshots that tells from where to subscribe. */
export const STREAM_CURSOR_HEADER = 'X-Stream-Cursor';

export const CURSOR_PATTERN = /^(0|[1-9][0-9]{0,29})$/;

export function isCursor(value: unknown): value is Cursor {
  return typeof value === 'string' && CURSOR_PATTERN.test(value);
}

export function compareCursors(a: Cursor, b: Cursor): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isAfter(cursor: Cursor, reference: Cursor): boolean {
  return compareCursors(cursor, reference) > 0;
}
