import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { ModelOrigin, ModelVersion } from '../../domain/records.js';
import { bigintAsNumber } from './transformers.js';

/** An immutable global model; its bytes live in the blob store under sha256. */
@Entity('model_versions')
@Index(['runId', 'round'], { unique: true })
export class ModelVersionEntity implements ModelVersion {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  /** 0 for the initial weights, r for the result of round r. */
  @Column({ type: 'integer' })
  round!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  bytes!: number;

  @Column({ name: 'parent_id', type: 'varchar', length: 64, nullable: true })
  parentId!: string | null;

  /** Accepted updates folded into this version: update id, site, SHA-256, samples. */
  @Column({ type: 'simple-json' })
  contributors!: { updateId: string; siteId: string; sha256: string; sampleCount: number }[];

  /** Metrics of this version measured at the sites before they trained on it. */
  @Column({ type: 'simple-json', nullable: true })
  evaluation!: Record<string, number> | null;

  /** The strategy's server state after this version (momentum, moments), a tensor container in the blob store. */
  @Column({ name: 'strategy_state_sha256', type: 'varchar', length: 64, nullable: true })
  strategyStateSha256!: string | null;

  /** How the strategy built this version: its name, the sites used, and those excluded with the reason. */
  @Column({ type: 'simple-json', nullable: true })
  aggregation!: ModelVersion['aggregation'];

  /** Where version 0 took its weights from (an uploaded model, an earlier run's version); null for seeded weights. */
  @Column({ type: 'simple-json', nullable: true })
  origin!: ModelOrigin | null;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
