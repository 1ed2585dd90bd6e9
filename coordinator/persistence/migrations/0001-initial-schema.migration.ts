import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions, TableIndex } from 'typeorm';

// Written with TypeORM's schema builder rather than SQL so that one migration
// serves SQLite and PostgreSQL alike.
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '64', isPrimary: name === 'id' });
const ref = (name: string, length = '64', isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length, isNullable });
const time = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '32', isNullable });
const text = (name: string, isNullable = true): TableColumnOptions => ({ name, type: 'text', isNullable });
const int = (name: string, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'integer',
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sites',
        columns: [
          { name: 'id', type: 'varchar', length: '128', isPrimary: true },
          ref('name', '256'),
          time('enrolled_at'),
          time('last_seen_at', true),
          ref('agent_version', '64', true),
          text('backend'),
          text('dataset'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'runs',
        columns: [
          id(),
          ref('name', '200'),
          text('spec', false),
          ref('spec_sha256'),
          ref('status', '16'),
          int('completed_rounds', 0),
          ref('latest_model_version_id', '64', true),
          text('error'),
          time('created_at'),
          time('updated_at'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'rounds',
        columns: [
          id(),
          ref('run_id'),
          int('number'),
          ref('kind', '16'),
          ref('status', '16'),
          ref('base_model_version_id'),
          ref('result_model_version_id', '64', true),
          int('quorum'),
          time('started_at'),
          time('deadline_at'),
          time('completed_at', true),
          text('metrics'),
          text('error'),
        ],
        indices: [new TableIndex({ columnNames: ['run_id', 'number'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'tasks',
        columns: [
          id(),
          ref('run_id'),
          ref('round_id'),
          int('round_number'),
          ref('site_id', '128'),
          ref('status', '16'),
          time('sent_at'),
          time('finished_at', true),
          text('reason'),
        ],
        indices: [new TableIndex({ columnNames: ['round_id', 'site_id'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'updates',
        columns: [
          id(),
          ref('task_id'),
          ref('run_id'),
          int('round_number'),
          ref('site_id', '128'),
          ref('sha256'),
          { name: 'bytes', type: 'bigint' },
          int('sample_count'),
          text('metrics', false),
          ref('status', '16'),
          text('reason'),
          time('received_at'),
        ],
        indices: [new TableIndex({ columnNames: ['task_id'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'model_versions',
        columns: [
          id(),
          ref('run_id'),
          int('round'),
          ref('sha256'),
          { name: 'bytes', type: 'bigint' },
          ref('parent_id', '64', true),
          text('contributors', false),
          text('evaluation'),
          time('created_at'),
        ],
        indices: [new TableIndex({ columnNames: ['run_id', 'round'], isUnique: true })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['model_versions', 'updates', 'tasks', 'rounds', 'runs', 'sites']) {
      await queryRunner.dropTable(table);
    }
  }
}
