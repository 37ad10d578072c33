import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The "show me as reading" setting of presence; on for every existing account, as for new ones. */
export class AddUserShowAsReading1764500000001 implements MigrationInterface {
  name = 'AddUserShowAsReading1764500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('user', new TableColumn({ name: 'showAsReading', type: 'boolean', default: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('user', 'showAsReading');
  }
}
