import type { EntityManager } from 'typeorm';
import { EntityRepository } from './entity-repository.js';
import type { Transactions } from '../transactions.js';
import { ModelVersionEntity } from '../entities/model-version.entity.js';

export class ModelVersionRepository extends EntityRepository<ModelVersionEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, ModelVersionEntity, transactions);
  }

  save(version: ModelVersionEntity): Promise<ModelVersionEntity> {
    return this.write((r) => r.save(version));
  }

  get(id: string): Promise<ModelVersionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  forRun(runId: string): Promise<ModelVersionEntity[]> {
    return this.repo.find({ where: { runId }, order: { round: 'ASC' } });
  }

  async update(id: string, patch: Partial<Omit<ModelVersionEntity, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial entity.
    await this.write((r) => r.update({ id }, patch as Parameters<typeof this.repo.update>[1]));
  }
}
