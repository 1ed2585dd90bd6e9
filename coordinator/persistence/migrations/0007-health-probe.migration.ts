import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** One row that the health check updates, so readiness proves that a write commits, not only that a read answers. */
export class HealthProbe1764600000000 implements MigrationInterface {
  name = 'HealthProbe1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'health_probe',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true },
          { name: 'probed_at', type: 'varchar', length: '32', isNullable: true },
        ],
      }),
    );
    await queryRunner.query('INSERT INTO health_probe (id, probed_at) VALUES (1, NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('health_probe');
  }
}
