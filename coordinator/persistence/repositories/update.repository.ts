import type { EntityManager } from 'typeorm';

import type { Update } from '../../domain/records.js';
import { TaskEntity } from '../entities/task.entity.js';
import { UpdateEntity } from '../entities/update.entity.js';
import type { Transactions } from '../transactions.js';
import { type Fields, RecordRepository } from './record-repository.js';

const UPDATE: Fields<Update> = {
  id: true,
  taskId: true,
  runId: true,
  roundNumber: true,
  siteId: true,
  sha256: true,
  bytes: true,
  sampleCount: true,
  metrics: true,
  l2Norm: true,
  clipFactor: true,
  status: true,
  reason: true,
  receivedAt: true,
  auditSeq: true,
};

export class UpdateRepository extends RecordRepository<UpdateEntity, Update> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, UpdateEntity, UPDATE, transactions);
  }

  async saveRejected(update: Update): Promise<void> {
    await this.write((r) => r.save(this.toEntity(update)));
  }

  /**
   * Records an accepted update and closes its task in one transaction. Returns
   * false, writing nothing, when the task was no longer open (a duplicate).
   */
  saveAccepted(update: Update, finishedAt: string): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const closed = await manager.update(TaskEntity, { id: update.taskId, status: 'sent' }, { status: 'accepted', finishedAt });
      if ((closed.affected ?? 0) === 0) return false;
      await manager.save(UpdateEntity, this.toEntity(update));
      return true;
    });
  }

  async setAuditSeq(id: string, auditSeq: number): Promise<void> {
    await this.write((r) => r.update({ id }, { auditSeq }));
  }

  /** The task's accepted update, if any. */
  async acceptedForTask(taskId: string): Promise<Update | null> {
    return this.record(await this.repo.findOneBy({ taskId, status: 'accepted' }));
  }

  async acceptedForRound(runId: string, roundNumber: number): Promise<Update[]> {
    return this.records(await this.repo.find({ where: { runId, roundNumber, status: 'accepted' }, order: { siteId: 'ASC' } }));
  }

  async forRun(runId: string): Promise<Update[]> {
    return this.records(await this.repo.find({ where: { runId }, order: { roundNumber: 'ASC', receivedAt: 'ASC' } }));
  }
}
