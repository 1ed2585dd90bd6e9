import type { EntityManager } from 'typeorm';
import { EntityRepository } from './entity-repository.js';
import type { Transactions } from '../transactions.js';
import { RoundEntity } from '../entities/round.entity.js';

export class RoundRepository extends EntityRepository<RoundEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, RoundEntity, transactions);
  }

  save(round: RoundEntity): Promise<RoundEntity> {
    return this.write((r) => r.save(round));
  }

  get(id: string): Promise<RoundEntity | null> {
    return this.repo.findOneBy({ id });
  }

  forRun(runId: string): Promise<RoundEntity[]> {
    return this.repo.find({ where: { runId }, order: { number: 'ASC' } });
  }

  async update(id: string, patch: Partial<Omit<RoundEntity, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial entity.
    await this.write((r) => r.update({ id }, patch as Parameters<typeof this.repo.update>[1]));
  }
}
