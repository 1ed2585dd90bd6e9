import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { FeatureScaling } from '../../../common/preprocessing.schema.js';
import type { RunSpec } from '../../../common/run-spec.schema.js';
import type { EarlyStop, SelectedModel } from '../../domain/model-selection.js';
import type { Run, RunExclusion, RunStatus } from '../../domain/records.js';

export type { RunExclusion, RunStatus };

@Entity('runs')
export class RunEntity implements Run {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'simple-json' })
  spec!: RunSpec;

  @Column({ name: 'spec_sha256', type: 'varchar', length: 64 })
  specSha256!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RunStatus;

  /** Last completed training round; 0 before the first. */
  @Column({ name: 'completed_rounds', type: 'integer', default: 0 })
  completedRounds!: number;

  @Column({ name: 'latest_model_version_id', type: 'varchar', length: 64, nullable: true })
  latestModelVersionId!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** Sites the run's quality gate left out, each with the reason and when. */
  @Column({ type: 'simple-json', nullable: true })
  exclusions!: RunExclusion[] | null;

  /** Pooled per-feature mean and standard deviation, fixed before round 1 when the spec standardizes federatedly. */
  @Column({ name: 'feature_scaling', type: 'simple-json', nullable: true })
  featureScaling?: FeatureScaling | null;

  /** `classWeights: balanced` resolved before round 1. */
  @Column({ name: 'class_weights', type: 'simple-json', nullable: true })
  classWeights?: number[] | null;

  /** The best model version so far by the spec's selection metric. */
  @Column({ type: 'simple-json', nullable: true })
  selection?: SelectedModel | null;

  /** Set when early stopping ended the run before its last round. */
  @Column({ name: 'stopped_early', type: 'simple-json', nullable: true })
  stoppedEarly?: EarlyStop | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
