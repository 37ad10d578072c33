import type { DataSource } from 'typeorm';
import { ArticleEntity } from '../articles/article.entity';
import { entities } from './database-options';
import { migrations } from './migrations';
import { openDataSource } from './open-data-source';

describe('openDataSource on SQLite', () => {
  let dataSource: DataSource;
  let prepared: string[];

  beforeEach(async () => {
    dataSource = await openDataSource({ type: 'better-sqlite3', database: ':memory:', entities, migrations, migrationsRun: true });
    const connection = (dataSource.driver as unknown as { databaseConnection: { prepare(source: string): unknown } }).databaseConnection;
    const prepare = connection.prepare.bind(connection);
    prepared = [];
    connection.prepare = (source: string) => (prepared.push(source), prepare(source));
  });

  afterEach(() => dataSource.destroy());

  it('binds an integer as INTEGER, as the literal TypeORM wrote did (3, never 3.0), and a fraction as REAL', async () => {
    const typed = (n: number) =>
      dataSource.createQueryBuilder().select("typeof(:n) || ' ' || (:n || '')", 'typed').from('migrations', 'migration').setParameter('n', n).limit(1).getRawOne<{ typed: string }>();
    expect((await typed(3))?.typed).toBe('integer 3');
    expect((await typed(2.5))?.typed).toBe('real 2.5');
  });

  it('reads rows by different ids with one statement, prepared once across transactions', async () => {
    for (const id of [1, 2, 3]) await dataSource.transaction((manager) => manager.findOneBy(ArticleEntity, { id }));
    const reads = prepared.filter((source) => source.includes('FROM "article"'));
    expect(reads).toHaveLength(1);
    expect(reads[0]).not.toMatch(/= [123]\b/);
  });
});
