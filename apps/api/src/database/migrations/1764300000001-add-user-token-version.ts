import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Tokens carry their account's version; a password change bumps it, which revokes the older ones. */
export class AddUserTokenVersion1764300000001 implements MigrationInterface {
  name = 'AddUserTokenVersion1764300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('user', new TableColumn({ name: 'tokenVersion', type: 'integer', default: 0 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('user', 'tokenVersion');
  }
}
