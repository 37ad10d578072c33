import type { ValueTransformer } from 'typeorm';

/**
 * Timestamps are kept as epoch milliseconds in a bigint column: the same type on SQLite and
 * PostgreSQL, and the millisecond precision that RealWorld list ordering relies on (SQLite's
 * datetime defaults round to the second).
 */
export const epochMillis: ValueTransformer = {
  to: (value: Date | undefined) => value?.getTime(),
  from: (value: string | number | null) => (value === null ? null : new Date(Number(value))),
};
