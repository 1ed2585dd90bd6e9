import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { InitialModel } from '../../domain/records.js';
import { bigintAsNumber } from './transformers.js';

/** A model uploaded to start runs from; its weights live in the blob store under sha256. */
@Entity('initial_models')
@Index(['sha256'])
@Index(['runId'])
export class InitialModelEntity implements InitialModel {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text' })
  origin!: string;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  bytes!: number;

  @Column({ type: 'simple-json' })
  topology!: Record<string, unknown>;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  parameters!: number;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64, nullable: true })
  runId!: string | null;

  @Column({ name: 'site_id', type: 'varchar', length: 64, nullable: true })
  siteId!: string | null;

  @Column({ name: 'base_version_id', type: 'varchar', length: 64, nullable: true })
  baseVersionId!: string | null;
}
