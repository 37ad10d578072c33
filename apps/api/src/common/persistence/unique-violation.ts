import { QueryFailedError } from 'typeorm';

/** True when a write lost a race against a unique index (Postgres 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string } | undefined;
  return driverError?.code === '23505' || driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE' || driverError?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** True when a write lost a race against the unique index on `table`'s `column` alone. */
export function isUniqueViolationOn(error: unknown, table: string, column: string): boolean {
  if (!isUniqueViolation(error)) return false;
  const driverError = (error as QueryFailedError).driverError as { table?: string; detail?: string; message?: string };
  // Postgres names the table and the key's columns ("Key (slug)=(…) already exists."); SQLite says both in its message.
  if (driverError.detail !== undefined) return driverError.table === table && driverError.detail.startsWith(`Key (${column})=`);
  return (driverError.message ?? '').endsWith(`UNIQUE constraint failed: ${table}.${column}`);
}
