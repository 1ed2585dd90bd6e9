import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The best model version of a run by its selection metric, and why a run stopped before its last round. */
export class ModelSelection1765100000000 implements MigrationInterface {
  name = 'ModelSelection1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('runs', new TableColumn({ name: 'selection', type: 'text', isNullable: true }));
    await queryRunner.addColumn('runs', new TableColumn({ name: 'stopped_early', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('runs', 'stopped_early');
    await queryRunner.dropColumn('runs', 'selection');
  }
}
