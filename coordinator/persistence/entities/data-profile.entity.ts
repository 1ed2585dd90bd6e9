import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { DataProfile } from '../../../common/data-profile.schema.js';

/** A site's data profile for one dataset version (fingerprint); every version a site has reported is kept. */
@Entity('data_profiles')
@Index(['siteId', 'fingerprint'], { unique: true })
export class DataProfileEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'site_id', type: 'varchar', length: 128 })
  siteId!: string;

  @Column({ type: 'varchar', length: 64 })
  fingerprint!: string;

  @Column({ name: 'dataset_kind', type: 'varchar', length: 64 })
  datasetKind!: string;

  @Column({ type: 'simple-json' })
  profile!: DataProfile;

  /** When the site first reported this version. */
  @Column({ name: 'received_at', type: 'varchar', length: 32 })
  receivedAt!: string;

  /** When the site last reported it (each connection repeats it). */
  @Column({ name: 'last_seen_at', type: 'varchar', length: 32 })
  lastSeenAt!: string;
}
