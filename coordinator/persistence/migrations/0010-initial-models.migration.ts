import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Uploaded starting points for runs, and where each run's version 0 took its weights from. */
export class InitialModels1764900000000 implements MigrationInterface {
  name = 'InitialModels1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'initial_models',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'origin', type: 'text' },
          { name: 'sha256', type: 'varchar', length: '64' },
          { name: 'bytes', type: 'bigint' },
          { name: 'topology', type: 'text' },
          { name: 'parameters', type: 'bigint' },
          { name: 'created_at', type: 'varchar', length: '32' },
          { name: 'created_by', type: 'varchar', length: '200' },
        ],
        indices: [new TableIndex({ columnNames: ['sha256'] })],
      }),
    );
    await queryRunner.addColumn('model_versions', new TableColumn({ name: 'origin', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('model_versions', 'origin');
    await queryRunner.dropTable('initial_models');
  }
}
