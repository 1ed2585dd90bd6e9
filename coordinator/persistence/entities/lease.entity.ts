import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A named lease that one coordinator process holds until `expiresAt`, and
 * renews while it lives: `run:<id>` for the process driving a run,
 * `site:<id>` for the process holding a site's stream. A process that dies
 * stops renewing, and another may take the lease once it expired.
 */
@Entity('coordinator_leases')
export class LeaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 160 })
  name!: string;

  @Index()
  @Column({ type: 'varchar', length: 128 })
  holder!: string;

  /** ISO-8601 UTC, so that text order is time order on both databases. */
  @Column({ name: 'expires_at', type: 'varchar', length: 32 })
  expiresAt!: string;
}
