import type { EntityManager } from 'typeorm';
import { EntityRepository } from './entity-repository.js';
import type { Transactions } from '../transactions.js';
import { TaskEntity, type TaskStatus } from '../entities/task.entity.js';

export class TaskRepository extends EntityRepository<TaskEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, TaskEntity, transactions);
  }

  async saveMany(tasks: TaskEntity[]): Promise<void> {
    await this.write((r) => r.save(tasks));
  }

  get(id: string): Promise<TaskEntity | null> {
    return this.repo.findOneBy({ id });
  }

  forRound(roundId: string): Promise<TaskEntity[]> {
    return this.repo.find({ where: { roundId }, order: { siteId: 'ASC' } });
  }

  forRun(runId: string): Promise<TaskEntity[]> {
    return this.repo.find({ where: { runId }, order: { roundNumber: 'ASC', siteId: 'ASC' } });
  }

  /**
   * Moves a task out of `from` only if it is still there: a compare-and-set,
   * so two racing submissions for one task cannot both be accepted.
   */
  async transition(id: string, from: TaskStatus, patch: Pick<TaskEntity, 'status'> & Partial<TaskEntity>): Promise<boolean> {
    const result = await this.write((r) => r.update({ id, status: from }, patch as Parameters<typeof this.repo.update>[1]));
    return (result.affected ?? 0) > 0;
  }
}
