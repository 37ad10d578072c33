import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Idempotency keys of article creations (articles/idempotency), shared by every instance of a deployment. */
export class CreateIdempotencyKey1764500000000 implements MigrationInterface {
  name = 'CreateIdempotencyKey1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_key',
        columns: [
          { name: 'userId', type: 'integer', isPrimary: true },
          { name: 'key', type: 'varchar', length: '64', isPrimary: true },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'articleId', type: 'integer' },
          { name: 'createdAt', type: 'bigint' },
        ],
        indices: [{ name: 'IDX_idempotency_key_createdAt', columnNames: ['createdAt'] }],
        foreignKeys: [
          { columnNames: ['userId'], referencedTableName: 'user', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
          { columnNames: ['articleId'], referencedTableName: 'article', referencedColumnNames: ['id'], onDelete: 'CASCADE' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_key');
  }
}
