import type { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

import type { Transactions } from '../transactions.js';

/**
 * Reads go straight to the table; every write runs through `Transactions`,
 * in a transaction of its own or joined to the caller's. On SQLite's single
 * connection that queues it behind the others, so a write can never land
 * inside another transaction that later fails and take its acknowledgement
 * with it.
 */
export abstract class EntityRepository<E extends ObjectLiteral> {
  protected readonly repo: Repository<E>;

  constructor(
    store: EntityManager,
    private readonly entity: EntityTarget<E>,
    protected readonly transactions: Transactions,
  ) {
    this.repo = store.getRepository(entity);
  }

  protected write<T>(work: (repo: Repository<E>) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => work(manager.getRepository(this.entity)));
  }
}
