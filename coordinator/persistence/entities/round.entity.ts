import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { Round, RoundKind, RoundStatus } from '../../domain/records.js';

export type { RoundKind, RoundStatus };

@Entity('rounds')
@Index(['runId', 'number'], { unique: true })
export class RoundEntity implements Round {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: RoundKind;

  @Column({ type: 'varchar', length: 16 })
  status!: RoundStatus;

  @Column({ name: 'base_model_version_id', type: 'varchar', length: 64 })
  baseModelVersionId!: string;

  @Column({ name: 'result_model_version_id', type: 'varchar', length: 64, nullable: true })
  resultModelVersionId!: string | null;

  @Column({ type: 'integer' })
  quorum!: number;

  @Column({ name: 'started_at', type: 'varchar', length: 32 })
  startedAt!: string;

  @Column({ name: 'deadline_at', type: 'varchar', length: 32 })
  deadlineAt!: string;

  @Column({ name: 'completed_at', type: 'varchar', length: 32, nullable: true })
  completedAt!: string | null;

  /** Sample-weighted means of the sites' metrics for this round. */
  @Column({ type: 'simple-json', nullable: true })
  metrics!: Record<string, number> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Updates the round wants: it closes as soon as that many are accepted (over-selected sites are then cancelled). */
  @Column({ type: 'integer', nullable: true })
  target!: number | null;
}
