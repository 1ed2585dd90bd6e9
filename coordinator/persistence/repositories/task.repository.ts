import type { EntityManager } from 'typeorm';

import type { Task, TaskStatus } from '../../domain/records.js';
import { TaskEntity } from '../entities/task.entity.js';
import type { Transactions } from '../transactions.js';
import { type Fields, RecordRepository } from './record-repository.js';

const TASK: Fields<Task> = {
  id: true,
  runId: true,
  roundId: true,
  roundNumber: true,
  siteId: true,
  status: true,
  sentAt: true,
  finishedAt: true,
  reason: true,
  instructions: true,
};

export class TaskRepository extends RecordRepository<TaskEntity, Task> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, TaskEntity, TASK, transactions);
  }

  async saveMany(tasks: Task[]): Promise<void> {
    await this.write((r) => r.save(tasks.map((t) => this.toEntity(t))));
  }

  async get(id: string): Promise<Task | null> {
    return this.record(await this.repo.findOneBy({ id }));
  }

  async forRound(roundId: string): Promise<Task[]> {
    return this.records(await this.repo.find({ where: { roundId }, order: { siteId: 'ASC' } }));
  }

  async forRun(runId: string): Promise<Task[]> {
    return this.records(await this.repo.find({ where: { runId }, order: { roundNumber: 'ASC', siteId: 'ASC' } }));
  }

  /**
   * Moves a task out of `from` only if it is still there: a compare-and-set,
   * so two racing submissions for one task cannot both be accepted.
   */
  async transition(id: string, from: TaskStatus, patch: Pick<Task, 'status'> & Partial<Task>): Promise<boolean> {
    const result = await this.write((r) => r.update({ id, status: from }, patch as Parameters<typeof this.repo.update>[1]));
    return (result.affected ?? 0) > 0;
  }
}
