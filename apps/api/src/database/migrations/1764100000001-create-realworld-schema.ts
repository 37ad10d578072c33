import { Table, TableForeignKey, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const id: TableColumnOptions = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' };
const millis = (name: string): TableColumnOptions => ({ name, type: 'bigint' });
const reference = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/** The RealWorld data model, written with TypeORM's Table API so that it serves SQLite and PostgreSQL. */
export class CreateRealWorldSchema1764100000001 implements MigrationInterface {
  name = 'CreateRealWorldSchema1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'user',
        columns: [
          id,
          { name: 'username', type: 'varchar', length: '64', isUnique: true },
          { name: 'email', type: 'varchar', length: '255', isUnique: true },
          { name: 'passwordHash', type: 'varchar', length: '255' },
          { name: 'bio', type: 'text', isNullable: true },
          { name: 'image', type: 'varchar', length: '2048', isNullable: true },
          { name: 'role', type: 'varchar', length: '16', default: "'user'" },
          millis('createdAt'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'follow',
        columns: [
          { name: 'followerId', type: 'integer', isPrimary: true },
          { name: 'followingId', type: 'integer', isPrimary: true },
          millis('createdAt'),
        ],
        foreignKeys: [reference('followerId', 'user'), reference('followingId', 'user')],
        indices: [{ name: 'IDX_follow_following', columnNames: ['followingId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'article',
        columns: [
          id,
          { name: 'slug', type: 'varchar', length: '255', isUnique: true },
          { name: 'title', type: 'varchar', length: '255' },
          { name: 'description', type: 'varchar', length: '1000' },
          { name: 'body', type: 'text' },
          { name: 'tagList', type: 'text' },
          { name: 'authorId', type: 'integer' },
          { name: 'favoritesCount', type: 'integer', default: 0 },
          millis('createdAt'),
          millis('updatedAt'),
        ],
        foreignKeys: [reference('authorId', 'user')],
        indices: [
          { name: 'IDX_article_createdAt', columnNames: ['createdAt'] },
          { name: 'IDX_article_author', columnNames: ['authorId'] },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'article_tag',
        columns: [
          { name: 'articleId', type: 'integer', isPrimary: true },
          { name: 'tag', type: 'varchar', length: '64', isPrimary: true },
        ],
        foreignKeys: [reference('articleId', 'article')],
        indices: [{ name: 'IDX_article_tag_tag', columnNames: ['tag'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'favorite',
        columns: [
          { name: 'userId', type: 'integer', isPrimary: true },
          { name: 'articleId', type: 'integer', isPrimary: true },
        ],
        foreignKeys: [reference('userId', 'user'), reference('articleId', 'article')],
        indices: [{ name: 'IDX_favorite_article', columnNames: ['articleId'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'comment',
        columns: [
          id,
          { name: 'body', type: 'text' },
          { name: 'articleId', type: 'integer' },
          { name: 'authorId', type: 'integer' },
          millis('createdAt'),
          millis('updatedAt'),
        ],
        foreignKeys: [reference('articleId', 'article'), reference('authorId', 'user')],
        indices: [{ name: 'IDX_comment_article', columnNames: ['articleId'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['comment', 'favorite', 'article_tag', 'article', 'follow', 'user']) {
      await queryRunner.dropTable(table);
    }
  }
}
