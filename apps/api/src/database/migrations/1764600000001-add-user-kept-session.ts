import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The session that made the latest password change: the one session that change leaves signed in. */
export class AddUserKeptSession1764600000001 implements MigrationInterface {
  name = 'AddUserKeptSession1764600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('user', new TableColumn({ name: 'keptSessionId', type: 'varchar', length: '32', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('user', 'keptSessionId');
  }
}
