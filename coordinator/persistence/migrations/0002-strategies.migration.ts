import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * Aggregation strategies: what each site was told (proximal term, shared
 * tensors), each update's L2 norm (for norm bounds and audit), and per model
 * version the strategy's server state and its account of the aggregation.
 */
export class Strategies1764100000000 implements MigrationInterface {
  name = 'Strategies1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('tasks', new TableColumn({ name: 'instructions', type: 'text', isNullable: true }));
    await queryRunner.addColumn('updates', new TableColumn({ name: 'l2_norm', type: 'double precision', isNullable: true }));
    await queryRunner.addColumn('model_versions', new TableColumn({ name: 'strategy_state_sha256', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.addColumn('model_versions', new TableColumn({ name: 'aggregation', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('model_versions', 'aggregation');
    await queryRunner.dropColumn('model_versions', 'strategy_state_sha256');
    await queryRunner.dropColumn('updates', 'l2_norm');
    await queryRunner.dropColumn('tasks', 'instructions');
  }
}
