import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { Update, UpdateStatus } from '../../domain/records.js';
import { bigintAsNumber } from './transformers.js';

export type { UpdateStatus };

/** Every submission is recorded, rejected ones too, with the reason. */
@Entity('updates')
@Index(['taskId'])
export class UpdateEntity implements Update {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'task_id', type: 'varchar', length: 64 })
  taskId!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  @Column({ name: 'round_number', type: 'integer' })
  roundNumber!: number;

  @Column({ name: 'site_id', type: 'varchar', length: 128 })
  siteId!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  bytes!: number;

  @Column({ name: 'sample_count', type: 'integer' })
  sampleCount!: number;

  @Column({ type: 'simple-json' })
  metrics!: Record<string, number>;

  /** L2 norm of the delta over its shared tensors; null for evaluations and rejected updates. */
  @Column({ name: 'l2_norm', type: 'double precision', nullable: true })
  l2Norm!: number | null;

  /** The factor aggregation scales this update by, judged at intake. */
  @Column({ name: 'clip_factor', type: 'double precision', default: 1 })
  clipFactor!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: UpdateStatus;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'received_at', type: 'varchar', length: 32 })
  receivedAt!: string;

  /** The audit event that recorded the submission; a resent identical update is answered with the same receipt. */
  @Column({ name: 'audit_seq', type: 'integer', nullable: true })
  auditSeq!: number | null;
}
