import { In, type EntityManager } from 'typeorm';
import { EntityRepository } from './entity-repository.js';
import type { Transactions } from '../transactions.js';
import { RunEntity, type RunStatus } from '../entities/run.entity.js';

export class RunRepository extends EntityRepository<RunEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, RunEntity, transactions);
  }

  save(run: RunEntity): Promise<RunEntity> {
    return this.write((r) => r.save(run));
  }

  get(id: string): Promise<RunEntity | null> {
    return this.repo.findOneBy({ id });
  }

  list(): Promise<RunEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  withStatus(statuses: RunStatus[]): Promise<RunEntity[]> {
    return this.repo.find({ where: { status: In(statuses) }, order: { createdAt: 'ASC' } });
  }

  async update(id: string, patch: Partial<Omit<RunEntity, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial entity.
    await this.write((r) => r.update({ id }, patch as Parameters<typeof this.repo.update>[1]));
  }
}
