import type { EntityManager } from 'typeorm';
import { StreamChangeEntity } from './stream-change.entity';

/**
 * Cursors must grow in commit order (PROTOCOL.md), or a reader that has seen cursor 8 could later
 * miss 7 committing behind it. On PostgreSQL two transactions can take ids 7 and 8 and commit 8
 * first; so change rows are written only at the very end of a transaction, under a transaction-
 * scoped advisory lock that COMMIT releases: ids are then handed out in commit order, and when a
 * reader sees a change, every change with a smaller cursor is already visible. The lock is taken by
 * the transaction's last statement, after every row lock it holds (that statement's own lock on the
 * `stream_change` table conflicts with no other writer's), so it cannot take part in a deadlock.
 *
 * SQLite has a single writer, so its ids are in commit order already.
 */
export const STREAM_LOCK_KEY = 0x436f6e64; // "Cond"

/**
 * Inserts a transaction's change rows, in order, one statement per row (which keeps the ids in the order
 * given on every driver), and sets each row's id. With `lock` on PostgreSQL the first statement takes the
 * commit-order lock itself: the lock is a materialized CTE that the insert reads its row from, so the
 * sequence hands out the id only once the lock is held, and a write pays no round trip of its own for it.
 */
export async function insertInCommitOrder(manager: EntityManager, rows: readonly StreamChangeEntity[], lock: boolean): Promise<void> {
  const [first, ...rest] = rows;
  if (first && lock && manager.connection.options.type === 'postgres') {
    first.id = await insertTakingLock(manager, first);
  } else if (first) {
    await manager.insert(StreamChangeEntity, first);
  }
  for (const row of rest) await manager.insert(StreamChangeEntity, row);
}

async function insertTakingLock(manager: EntityManager, row: StreamChangeEntity): Promise<string> {
  const { driver } = manager.connection;
  const metadata = manager.connection.getMetadata(StreamChangeEntity);
  const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
  // Every column but the generated id, named and valued (transformers applied) through the driver, as
  // TypeORM's insert does; a value left unset is NULL here, where TypeORM's insert would write DEFAULT.
  const columns = metadata.columns.filter((column) => !column.isGenerated);
  const inserted: { id: string }[] = await manager.query(
    `WITH commit_order AS MATERIALIZED (SELECT pg_advisory_xact_lock($1)) ` +
      `INSERT INTO ${table} (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) ` +
      `SELECT ${columns.map((_, index) => `$${index + 2}`).join(', ')} FROM commit_order RETURNING id`,
    [STREAM_LOCK_KEY, ...columns.map((column) => driver.preparePersistentValue(column.getEntityValue(row), column))],
  );
  return String(inserted[0].id);
}
