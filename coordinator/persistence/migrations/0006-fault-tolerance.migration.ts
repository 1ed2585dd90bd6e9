import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The audit event of each update (so a resent update gets its receipt again), and each round's target of updates. */
export class FaultTolerance1764500000000 implements MigrationInterface {
  name = 'FaultTolerance1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('updates', new TableColumn({ name: 'audit_seq', type: 'integer', isNullable: true }));
    await queryRunner.addColumn('rounds', new TableColumn({ name: 'target', type: 'integer', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('rounds', 'target');
    await queryRunner.dropColumn('updates', 'audit_seq');
  }
}
