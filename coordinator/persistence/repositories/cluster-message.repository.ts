import { type EntityManager, LessThan } from 'typeorm';

import { ClusterMessageEntity } from '../entities/cluster-message.entity.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

/** Long messages between coordinator processes (see ClusterMessageEntity). */
export class ClusterMessageRepository extends EntityRepository<ClusterMessageEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, ClusterMessageEntity, transactions);
  }

  put(id: string, body: string, at: string): Promise<void> {
    return this.write(async (r) => void (await r.insert({ id, body, createdAt: at })));
  }

  async body(id: string): Promise<string | null> {
    return (await this.repo.findOneBy({ id }))?.body ?? null;
  }

  /** Deletes the messages written before `before`. */
  prune(before: string): Promise<void> {
    return this.write(async (r) => void (await r.delete({ createdAt: LessThan(before) })));
  }
}
