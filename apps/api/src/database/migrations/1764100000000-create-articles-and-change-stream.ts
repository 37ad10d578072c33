import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Written with TypeORM's Table API so that one migration serves SQLite and PostgreSQL. */
export class CreateArticlesAndChangeStream1764100000000 implements MigrationInterface {
  name = 'CreateArticlesAndChangeStream1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Cursors need 64 bits: SQLite's INTEGER already is, and only it may AUTOINCREMENT there.
    const cursorType = queryRunner.connection.driver.options.type === 'postgres' ? 'bigint' : 'integer';
    await queryRunner.createTable(
      new Table({
        name: 'article',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'slug', type: 'varchar', length: '255', isUnique: true },
          { name: 'title', type: 'varchar', length: '255' },
          { name: 'description', type: 'varchar', length: '1000' },
          { name: 'body', type: 'text' },
          { name: 'tagList', type: 'text' },
          { name: 'authorUsername', type: 'varchar', length: '64' },
          { name: 'favoritesCount', type: 'integer', default: 0 },
          { name: 'createdAt', type: 'bigint' },
          { name: 'updatedAt', type: 'bigint' },
        ],
        indices: [{ name: 'IDX_article_createdAt', columnNames: ['createdAt'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'stream_change',
        columns: [
          { name: 'id', type: cursorType, isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'topic', type: 'varchar', length: '600' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'entity', type: 'varchar', length: '32' },
          { name: 'key', type: 'varchar', length: '600' },
          { name: 'payload', type: 'text', isNullable: true },
        ],
        indices: [{ name: 'IDX_stream_change_topic_id', columnNames: ['topic', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('stream_change');
    await queryRunner.dropTable('article');
  }
}
