import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A certificate the federation CA issued to a site; the TLS peer's fingerprint is looked up here on every call. */
@Entity('site_certificates')
@Index(['sha256'], { unique: true })
@Index(['siteId'])
export class SiteCertificateEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  serial!: string;

  @Column({ name: 'site_id', type: 'varchar', length: 128 })
  siteId!: string;

  /** SHA-256 of the DER certificate. */
  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'not_before', type: 'varchar', length: 32 })
  notBefore!: string;

  @Column({ name: 'not_after', type: 'varchar', length: 32 })
  notAfter!: string;

  @Column({ name: 'issued_at', type: 'varchar', length: 32 })
  issuedAt!: string;

  /** "enrolment" (with a token) or "renewal" (with the previous certificate). */
  @Column({ name: 'issued_by', type: 'varchar', length: 32 })
  issuedBy!: 'enrolment' | 'renewal';

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;
}
