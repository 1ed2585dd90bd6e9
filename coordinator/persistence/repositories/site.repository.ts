import type { EntityManager } from 'typeorm';

import { SiteEntity } from '../entities/index.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

export class SiteRepository extends EntityRepository<SiteEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, SiteEntity, transactions);
  }

  async create(site: Pick<SiteEntity, 'id' | 'name' | 'enrolledAt'>): Promise<SiteEntity> {
    const entity = this.repo.create({ ...site, lastSeenAt: null, agentVersion: null, backend: null, dataset: null, revokedAt: null });
    return this.write((r) => r.save(entity));
  }

  get(id: string): Promise<SiteEntity | null> {
    return this.repo.findOneBy({ id });
  }

  list(): Promise<SiteEntity[]> {
    return this.repo.find({ order: { id: 'ASC' } });
  }

  async update(id: string, patch: Partial<Omit<SiteEntity, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial entity.
    await this.write((r) => r.update({ id }, patch as Parameters<typeof this.repo.update>[1]));
  }
}
