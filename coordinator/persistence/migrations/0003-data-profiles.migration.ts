import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Site data profiles per dataset version, and the sites a run's quality gate left out. */
export class DataProfiles1764200000000 implements MigrationInterface {
  name = 'DataProfiles1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'data_profiles',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'site_id', type: 'varchar', length: '128' },
          { name: 'fingerprint', type: 'varchar', length: '64' },
          { name: 'dataset_kind', type: 'varchar', length: '64' },
          { name: 'profile', type: 'text' },
          { name: 'received_at', type: 'varchar', length: '32' },
          { name: 'last_seen_at', type: 'varchar', length: '32' },
        ],
      }),
    );
    await queryRunner.createIndex('data_profiles', new TableIndex({ columnNames: ['site_id', 'fingerprint'], isUnique: true }));
    await queryRunner.addColumn('runs', new TableColumn({ name: 'exclusions', type: 'text', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('runs', 'exclusions');
    await queryRunner.dropTable('data_profiles');
  }
}
