import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('sites')
export class SiteEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  id!: string;

  @Column({ type: 'varchar', length: 256 })
  name!: string;

  @Column({ name: 'enrolled_at', type: 'varchar', length: 32 })
  enrolledAt!: string;

  @Column({ name: 'last_seen_at', type: 'varchar', length: 32, nullable: true })
  lastSeenAt!: string | null;

  @Column({ name: 'agent_version', type: 'varchar', length: 64, nullable: true })
  agentVersion!: string | null;

  /** Training backend reported in the last hello: name, device, notes. */
  @Column({ type: 'simple-json', nullable: true })
  backend!: { name: string; device: string; notes: string[] } | null;

  /** Dataset summary reported in the last hello. */
  @Column({ type: 'simple-json', nullable: true })
  dataset!: Record<string, unknown> | null;

  /** Set when an administrator revoked the site: its certificates are refused until it enrols again. */
  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}
