import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** monitor: only /metrics, the credential a Prometheus server scrapes with. */
export const ROLES = ['admin', 'researcher', 'auditor', 'monitor'] as const;
export type Role = (typeof ROLES)[number];

/** A bearer token for the REST API with one role. Only its hash is stored; the secret is shown once. */
@Entity('api_tokens')
@Index(['tokenSha256'], { unique: true })
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'token_sha256', type: 'varchar', length: 64, select: false })
  tokenSha256!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 160 })
  createdBy!: string;

  @Column({ name: 'revoked_at', type: 'varchar', length: 32, nullable: true })
  revokedAt!: string | null;

  @Column({ name: 'last_used_at', type: 'varchar', length: 32, nullable: true })
  lastUsedAt!: string | null;
}
