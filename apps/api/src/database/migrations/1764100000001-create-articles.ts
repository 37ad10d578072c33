import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Written with TypeORM's Table API so that one migration serves SQLite and PostgreSQL. */
export class CreateArticles1764100000001 implements MigrationInterface {
  name = 'CreateArticles1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
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
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('article');
  }
}
