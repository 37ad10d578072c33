import type { QueryRunner } from 'typeorm';

/**
 * Cursors must grow in commit order (PROTOCOL.md), or a reader that has seen cursor 8 could later
 * miss 7 committing behind it. On PostgreSQL two transactions can take ids 7 and 8 and commit 8
 * first; so change rows are written only at the very end of a transaction, under a transaction-
 * scoped advisory lock that COMMIT releases: ids are then handed out in commit order, and when a
 * reader sees a change, every change with a smaller cursor is already visible. The lock is taken
 * last, after all of the transaction's other locks, so it cannot take part in a deadlock.
 *
 * SQLite has a single writer, so its ids are in commit order already.
 */
export const STREAM_LOCK_KEY = 0x436f6e64; // "Cond"

export async function lockCommitOrder(queryRunner: QueryRunner): Promise<void> {
  if (queryRunner.connection.options.type === 'postgres') {
    await queryRunner.query('SELECT pg_advisory_xact_lock($1)', [STREAM_LOCK_KEY]);
  }
}
