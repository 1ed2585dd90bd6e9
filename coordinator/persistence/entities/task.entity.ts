import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import type { Task, TaskInstructions, TaskStatus } from '../../domain/records.js';

export type { TaskInstructions, TaskStatus };

@Entity('tasks')
@Index(['roundId', 'siteId'], { unique: true })
export class TaskEntity implements Task {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'run_id', type: 'varchar', length: 64 })
  runId!: string;

  @Column({ name: 'round_id', type: 'varchar', length: 64 })
  roundId!: string;

  @Column({ name: 'round_number', type: 'integer' })
  roundNumber!: number;

  @Column({ name: 'site_id', type: 'varchar', length: 128 })
  siteId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TaskStatus;

  @Column({ name: 'sent_at', type: 'varchar', length: 32 })
  sentAt!: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 32, nullable: true })
  finishedAt!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  instructions!: TaskInstructions | null;
}
