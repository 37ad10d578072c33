import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The change stream's table; apps list it among their own migrations. */
export class CreateStreamChange1764100000000 implements MigrationInterface {
  name = 'CreateStreamChange1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Cursors need 64 bits: SQLite's INTEGER already is, and only it may AUTOINCREMENT there.
    const cursorType = queryRunner.connection.driver.options.type === 'postgres' ? 'bigint' : 'integer';
    await queryRunner.createTable(
      new Table({
        name: 'stream_change',
        columns: [
          { name: 'id', type: cursorType, isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'topic', type: 'varchar', length: '600' },
          { name: 'type', type: 'varchar', length: '16' },
          { name: 'entity', type: 'varchar', length: '32' },
          { name: 'key', type: 'varchar', length: '600' },
          { name: 'audience', type: 'varchar', length: '64', isNullable: true },
          { name: 'payload', type: 'text', isNullable: true },
          { name: 'createdAt', type: 'bigint' },
        ],
        indices: [{ name: 'IDX_stream_change_topic_id', columnNames: ['topic', 'id'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'stream_floor',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'cursor', type: 'bigint' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('stream_floor');
    await queryRunner.dropTable('stream_change');
  }
}
