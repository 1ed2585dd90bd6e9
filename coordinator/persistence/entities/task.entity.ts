import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type TaskStatus = 'sent' | 'accepted' | 'failed' | 'expired' | 'cancelled';

/** What the strategy told this site for this round, beyond the run spec. */
export interface TaskInstructions {
  proximalMu: number;
  hyperParameters: { localEpochs?: number; learningRate?: number; batchSize?: number };
  /** Tensors the site receives and sends as shared; the rest stay at the site. */
  sharedTensors: string[];
}

@Entity('tasks')
@Index(['roundId', 'siteId'], { unique: true })
export class TaskEntity {
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
