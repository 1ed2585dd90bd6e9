import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A one-time, expiring secret that lets one named site get its first certificate. Only its hash is stored. */
@Entity('enrolment_tokens')
@Index(['tokenSha256'], { unique: true })
export class EnrolmentTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'site_id', type: 'varchar', length: 128 })
  siteId!: string;

  @Column({ name: 'token_sha256', type: 'varchar', length: 64 })
  tokenSha256!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 160 })
  createdBy!: string;

  @Column({ name: 'expires_at', type: 'varchar', length: 32 })
  expiresAt!: string;

  @Column({ name: 'used_at', type: 'varchar', length: 32, nullable: true })
  usedAt!: string | null;
}
