import { Column, Entity, PrimaryColumn } from 'typeorm';

import type { ConsentState } from '../../../common/task-order.js';

/**
 * What a site said about a run offered to it: approved (its hospital IT
 * approved the spec hash, or its policy needs no approval), awaiting approval,
 * refused by its policy, or revoked. Only approved sites get tasks.
 */
@Entity('run_consents')
export class RunConsentEntity {
  @PrimaryColumn({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  @PrimaryColumn({ name: 'site_id', type: 'varchar', length: 128 })
  siteId!: string;

  @Column({ name: 'spec_sha256', type: 'varchar', length: 64 })
  specSha256!: string;

  @Column({ type: 'varchar', length: 24 })
  state!: ConsentState;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'updated_at', type: 'varchar', length: 32 })
  updatedAt!: string;
}
