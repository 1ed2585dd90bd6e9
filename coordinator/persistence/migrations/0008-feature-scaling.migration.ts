import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** The pooled feature statistics a run fixed before round 1 (preprocessing.standardize: federated). */
export class FeatureScaling1764700000000 implements MigrationInterface {
  name = 'FeatureScaling1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('runs', new TableColumn({ name: 'feature_scaling', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('runs', 'feature_scaling');
  }
}
