import type { DataSource, ObjectLiteral } from 'typeorm';

type Escape = (sql: string, parameters: ObjectLiteral, nativeParameters: ObjectLiteral) => [string, unknown[]];

function safeIntegersAsBigInt(parameters: ObjectLiteral): ObjectLiteral {
  return Object.fromEntries(Object.entries(parameters).map(([key, value]) => [key, Number.isSafeInteger(value) ? BigInt(value) : value]));
}

/**
 * TypeORM's SQLite drivers write every number parameter into the SQL text, because better-sqlite3
 * binds a JS number as REAL (and a REAL stored in a text column reads back as "3.0"). So every
 * statement holding an id or a timestamp was SQL never seen before, parsed and planned again, and
 * no statement cache could hold it: a third of the SQLite work of POST /api/articles. A BigInt
 * binds as INTEGER, which is what the literal meant, and the SQL text stays the same from one call
 * to the next. Other numbers (fractions, unsafe integers) go on as before.
 */
export function bindSqliteIntegers(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as unknown as { escapeQueryWithParameters: Escape };
  const escape = driver.escapeQueryWithParameters.bind(driver);
  driver.escapeQueryWithParameters = (sql, parameters, nativeParameters) => escape(sql, parameters && safeIntegersAsBigInt(parameters), nativeParameters);
  return dataSource;
}
