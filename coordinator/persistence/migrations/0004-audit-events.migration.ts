import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The audit chain. Triggers refuse UPDATE and DELETE on both databases, so
 * even a bug (or a careless hand) in the application cannot rewrite history;
 * what a database administrator can still do, `audit verify` detects.
 */
export class AuditEvents1764300000000 implements MigrationInterface {
  name = 'AuditEvents1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_events',
        columns: [
          { name: 'seq', type: 'integer', isPrimary: true },
          { name: 'at', type: 'varchar', length: '32' },
          { name: 'actor', type: 'varchar', length: '160' },
          { name: 'action', type: 'varchar', length: '64' },
          { name: 'subjects', type: 'text' },
          { name: 'payload', type: 'text' },
          { name: 'payload_sha256', type: 'varchar', length: '64' },
          { name: 'prev_hash', type: 'varchar', length: '64' },
          { name: 'hash', type: 'varchar', length: '64' },
        ],
      }),
    );
    await queryRunner.createIndex('audit_events', new TableIndex({ columnNames: ['action'] }));
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION consilium_audit_append_only() RETURNS trigger AS $$
        BEGIN RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP; END
        $$ LANGUAGE plpgsql`);
      await queryRunner.query(
        'CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION consilium_audit_append_only()',
      );
    } else {
      await queryRunner.query(
        "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: UPDATE refused'); END",
      );
      await queryRunner.query(
        "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only: DELETE refused'); END",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_events');
    if (queryRunner.connection.options.type === 'postgres') await queryRunner.query('DROP FUNCTION consilium_audit_append_only()');
  }
}
