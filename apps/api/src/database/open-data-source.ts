import { DataSource, type DataSourceOptions } from 'typeorm';
import { shareStatementCache, type PreparingConnection } from './shared-statement-cache';
import { bindSqliteIntegers } from './sqlite-integer-parameters';

/**
 * The server's DataSource, initialized (migrations run). On SQLite, integers are bound rather than
 * written into the SQL, and prepared statements are shared by every transaction: together they
 * take statement preparation off the write path.
 */
export async function openDataSource(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = new DataSource(options);
  if (options.type !== 'better-sqlite3') return dataSource.initialize();
  bindSqliteIntegers(dataSource);
  await dataSource.initialize();
  shareStatementCache((dataSource.driver as unknown as { databaseConnection: PreparingConnection }).databaseConnection);
  return dataSource;
}
