import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Generated secrets (the JWT signing key) kept in the store, so that every instance of a deployment shares them. */
export class CreateAppSecret1764300000002 implements MigrationInterface {
  name = 'CreateAppSecret1764300000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'app_secret',
        columns: [
          { name: 'name', type: 'varchar', length: '64', isPrimary: true },
          { name: 'value', type: 'varchar', length: '255' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('app_secret');
  }
}
