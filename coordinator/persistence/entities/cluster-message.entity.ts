import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A message between coordinator processes too long for a PostgreSQL
 * notification (8000 bytes): the notification carries its id, and each
 * process reads the body from here. Pruned once every process had its chance.
 */
@Entity('coordinator_messages')
export class ClusterMessageEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 32 })
  createdAt!: string;
}
