import type { EntityManager } from 'typeorm';
import { EntityRepository } from './entity-repository.js';
import type { Transactions } from '../transactions.js';
import { TaskEntity } from '../entities/task.entity.js';
import { UpdateEntity } from '../entities/update.entity.js';

export class UpdateRepository extends EntityRepository<UpdateEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, UpdateEntity, transactions);
  }

  async saveRejected(update: UpdateEntity): Promise<void> {
    await this.write((r) => r.save(update));
  }

  /**
   * Records an accepted update and closes its task in one transaction. Returns
   * false, writing nothing, when the task was no longer open (a duplicate).
   */
  saveAccepted(update: UpdateEntity, finishedAt: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const closed = await manager.update(TaskEntity, { id: update.taskId, status: 'sent' }, { status: 'accepted', finishedAt });
      if ((closed.affected ?? 0) === 0) return false;
      await manager.save(UpdateEntity, update);
      return true;
    });
  }

  async setAuditSeq(id: string, auditSeq: number): Promise<void> {
    await this.write((r) => r.update({ id }, { auditSeq }));
  }

  /** The task's accepted update, if any. */
  acceptedForTask(taskId: string): Promise<UpdateEntity | null> {
    return this.repo.findOneBy({ taskId, status: 'accepted' });
  }

  acceptedForRound(runId: string, roundNumber: number): Promise<UpdateEntity[]> {
    return this.repo.find({ where: { runId, roundNumber, status: 'accepted' }, order: { siteId: 'ASC' } });
  }

  forRun(runId: string): Promise<UpdateEntity[]> {
    return this.repo.find({ where: { runId }, order: { roundNumber: 'ASC', receivedAt: 'ASC' } });
  }
}
