import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

import { clipFactorFor } from '../../domain/update-judgement.js';

/**
 * The clip factor judged when an update is accepted, stored on its row so
 * aggregation applies exactly that factor. Rows accepted before this column
 * get the factor the aggregation of their day computed from the run's
 * `updateChecks` and the stored norm.
 */
export class UpdateClipFactor1764800000000 implements MigrationInterface {
  name = 'UpdateClipFactor1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('updates', new TableColumn({ name: 'clip_factor', type: 'double precision', isNullable: false, default: 1 }));
    const postgres = queryRunner.connection.options.type === 'postgres';
    const rows: { id: string; l2_norm: number; spec: string }[] = await queryRunner.query(
      `SELECT u.id, u.l2_norm, r.spec FROM updates u JOIN runs r ON r.id = u.run_id WHERE u.status = 'accepted' AND u.l2_norm IS NOT NULL`,
    );
    for (const row of rows) {
      const checks = (JSON.parse(row.spec) as { updateChecks?: { maxNorm?: number; onExceed?: 'clip' | 'reject' } }).updateChecks ?? {};
      const factor = clipFactorFor(Number(row.l2_norm), checks);
      if (factor !== 1)
        await queryRunner.query(`UPDATE updates SET clip_factor = ${postgres ? '$1' : '?'} WHERE id = ${postgres ? '$2' : '?'}`, [factor, row.id]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('updates', 'clip_factor');
  }
}
