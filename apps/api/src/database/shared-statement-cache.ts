/** What the cache needs of a better-sqlite3 connection. */
export interface PreparingConnection {
  prepare(source: string): unknown;
}

/** Enough for every statement the app's code builds, with room for IN lists of many lengths. */
const MAX_STATEMENTS = 500;

/**
 * TypeORM's better-sqlite3 driver caches prepared statements per query runner, and every
 * transaction gets a fresh runner, so each write prepared (parsed and planned) every statement
 * again. All runners share this one
 * connection and execute synchronously (`run`/`all`, never a held `iterate`), so one statement per
 * SQL text can serve them all. A statement survives schema changes: SQLite re-prepares it itself.
 */
export function shareStatementCache(connection: PreparingConnection): void {
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (source: string) => {
    let statement = statements.get(source);
    if (statement === undefined) {
      statement = prepare(source);
      // Least recently used first: a Map iterates in insertion order, and a hit is inserted again.
      if (statements.size >= MAX_STATEMENTS) statements.delete(statements.keys().next().value as string);
    } else {
      statements.delete(source);
    }
    statements.set(source, statement);
    return statement;
  };
}
