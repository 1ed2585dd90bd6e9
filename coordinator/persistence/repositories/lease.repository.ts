import type { EntityManager } from 'typeorm';

import { LeaseEntity } from '../entities/lease.entity.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

/** Named leases with an expiry (see LeaseEntity); times are the Clock's ISO strings. */
export class LeaseRepository extends EntityRepository<LeaseEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, LeaseEntity, transactions);
  }

  /**
   * Takes the lease when it is free, expired or already the holder's, and
   * always with `force` (a site's newer stream wins over its stale one).
   * True when `holder` holds it until `until`. The conditional UPDATE, and on
   * PostgreSQL the INSERT's ON CONFLICT, make two processes racing for one
   * lease end with one holder.
   */
  acquire(name: string, holder: string, now: string, until: string, force = false): Promise<boolean> {
    return this.write(async (r) => {
      const update = r.createQueryBuilder().update().set({ holder, expiresAt: until }).where('name = :name', { name });
      if (!force) update.andWhere('(holder = :holder OR expires_at <= :now)', { holder, now });
      if (((await update.execute()).affected ?? 0) > 0) return true;
      await r.createQueryBuilder().insert().values({ name, holder, expiresAt: until }).orIgnore().execute();
      return (await r.findOneBy({ name }))?.holder === holder;
    });
  }

  /** Extends every lease `holder` still holds to `until`; returns the names it holds (one missing from them was lost). */
  renew(holder: string, now: string, until: string): Promise<string[]> {
    return this.write(async (r) => {
      await r.createQueryBuilder().update().set({ expiresAt: until }).where('holder = :holder AND expires_at > :now', { holder, now }).execute();
      const held = await r.createQueryBuilder('l').where('l.holder = :holder AND l.expires_at > :now', { holder, now }).getMany();
      return held.map((l) => l.name).sort();
    });
  }

  /** Gives the lease up, if `holder` still holds it. */
  release(name: string, holder: string): Promise<void> {
    return this.write(async (r) => void (await r.delete({ name, holder })));
  }

  /** The names after `prefix` of the leases anyone holds at `now`, sorted. */
  async live(prefix: string, now: string): Promise<string[]> {
    const rows = await this.repo
      .createQueryBuilder('l')
      .where('l.name LIKE :pattern AND l.expires_at > :now', { pattern: `${prefix}%`, now })
      .orderBy('l.name')
      .getMany();
    return rows.map((l) => l.name.slice(prefix.length));
  }

  /**
   * Whether `holder` holds the lease at `now`. Inside a transaction on
   * PostgreSQL the row stays share-locked until it commits, so no other
   * process takes the lease over between this check and the commit: the
   * check fences the writes beside it.
   */
  async holds(name: string, holder: string, now: string): Promise<boolean> {
    const query = this.repo.createQueryBuilder('l').where('l.name = :name AND l.holder = :holder AND l.expires_at > :now', { name, holder, now });
    if (this.repo.manager.connection.options.type === 'postgres' && this.repo.manager.queryRunner?.isTransactionActive) query.setLock('pessimistic_read');
    return (await query.getOne()) !== null;
  }

  /** Sends a PostgreSQL notification on `channel` (delivered to its listeners, this process's included). */
  async notify(channel: string, payload: string): Promise<void> {
    await this.repo.manager.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }
}
