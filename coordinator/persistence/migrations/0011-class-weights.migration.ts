import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** `classWeights: balanced` as a run fixed it before round 1, from the pooled label counts. */
export class ClassWeights1765000000000 implements MigrationInterface {
  name = 'ClassWeights1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('runs', new TableColumn({ name: 'class_weights', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('runs', 'class_weights');
  }
}
