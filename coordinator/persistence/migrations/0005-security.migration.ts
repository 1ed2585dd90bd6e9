import { type MigrationInterface, type QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

/** Site certificates and enrolment tokens, API tokens with roles, and each site's consent to each run. */
export class Security1764400000000 implements MigrationInterface {
  name = 'Security1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const text = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await queryRunner.addColumn('sites', new TableColumn({ name: 'revoked_at', type: 'varchar', length: '32', isNullable: true }));
    await queryRunner.createTable(
      new Table({
        name: 'site_certificates',
        columns: [
          { ...text('serial', 64), isPrimary: true },
          text('site_id', 128),
          text('sha256', 64),
          text('not_before', 32),
          text('not_after', 32),
          text('issued_at', 32),
          text('issued_by', 32),
          text('revoked_at', 32, true),
        ],
      }),
    );
    await queryRunner.createIndex('site_certificates', new TableIndex({ columnNames: ['sha256'], isUnique: true }));
    await queryRunner.createIndex('site_certificates', new TableIndex({ columnNames: ['site_id'] }));
    await queryRunner.createTable(
      new Table({
        name: 'enrolment_tokens',
        columns: [
          { ...text('id', 64), isPrimary: true },
          text('site_id', 128),
          text('token_sha256', 64),
          text('created_at', 32),
          text('created_by', 160),
          text('expires_at', 32),
          text('used_at', 32, true),
        ],
      }),
    );
    await queryRunner.createIndex('enrolment_tokens', new TableIndex({ columnNames: ['token_sha256'], isUnique: true }));
    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { ...text('id', 64), isPrimary: true },
          text('name', 128),
          text('role', 16),
          text('token_sha256', 64),
          text('created_at', 32),
          text('created_by', 160),
          text('revoked_at', 32, true),
          text('last_used_at', 32, true),
        ],
      }),
    );
    await queryRunner.createIndex('api_tokens', new TableIndex({ columnNames: ['token_sha256'], isUnique: true }));
    await queryRunner.createTable(
      new Table({
        name: 'run_consents',
        columns: [
          { ...text('run_id', 64), isPrimary: true },
          { ...text('site_id', 128), isPrimary: true },
          text('spec_sha256', 64),
          text('state', 24),
          { name: 'reason', type: 'text', isNullable: true },
          text('updated_at', 32),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['run_consents', 'api_tokens', 'enrolment_tokens', 'site_certificates']) await queryRunner.dropTable(table);
    await queryRunner.dropColumn('sites', 'revoked_at');
  }
}
