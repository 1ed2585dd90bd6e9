import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Leases and long messages of several coordinator processes sharing one database. */
export class CoordinatorCluster1765300000000 implements MigrationInterface {
  name = 'CoordinatorCluster1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'coordinator_leases',
        columns: [
          { name: 'name', type: 'varchar', length: '160', isPrimary: true },
          { name: 'holder', type: 'varchar', length: '128' },
          { name: 'expires_at', type: 'varchar', length: '32' },
        ],
        indices: [{ columnNames: ['holder'] }],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'coordinator_messages',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'body', type: 'text' },
          { name: 'created_at', type: 'varchar', length: '32' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('coordinator_messages');
    await queryRunner.dropTable('coordinator_leases');
  }
}
