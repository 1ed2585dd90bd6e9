import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One link of the audit chain; rows are only ever inserted (PostgreSQL and SQLite triggers refuse the rest). */
@Entity('audit_events')
@Index(['action'])
export class AuditEventEntity {
  @PrimaryColumn({ type: 'integer' })
  seq!: number;

  @Column({ type: 'varchar', length: 32 })
  at!: string;

  @Column({ type: 'varchar', length: 160 })
  actor!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ type: 'simple-json' })
  subjects!: Record<string, string>;

  @Column({ type: 'simple-json' })
  payload!: Record<string, unknown>;

  @Column({ name: 'payload_sha256', type: 'varchar', length: 64 })
  payloadSha256!: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
