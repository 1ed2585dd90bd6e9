import { type MigrationInterface, type QueryRunner, TableColumn, TableIndex } from 'typeorm';

/** A site's personalised model of a run (FedBN: the global model with the site's own batch normalization), kept beside the uploads. */
export class PersonalisedModels1765200000000 implements MigrationInterface {
  name = 'PersonalisedModels1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('initial_models', [
      new TableColumn({ name: 'run_id', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'site_id', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'base_version_id', type: 'varchar', length: '64', isNullable: true }),
    ]);
    await queryRunner.createIndex('initial_models', new TableIndex({ columnNames: ['run_id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const index = (await queryRunner.getTable('initial_models'))?.indices.find((i) => i.columnNames.join() === 'run_id');
    if (index) await queryRunner.dropIndex('initial_models', index);
    await queryRunner.dropColumns('initial_models', ['base_version_id', 'site_id', 'run_id']);
  }
}
