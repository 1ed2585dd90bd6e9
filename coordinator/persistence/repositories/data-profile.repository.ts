import type { EntityManager } from 'typeorm';

import { DataProfileEntity } from '../entities/data-profile.entity.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

export class DataProfileRepository extends EntityRepository<DataProfileEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, DataProfileEntity, transactions);
  }

  /** Stores a new dataset version, or marks a known one as seen again; profiles are immutable per fingerprint. */
  /** Returns whether this dataset version is new for the site. */
  async record(profile: DataProfileEntity): Promise<boolean> {
    return this.write(async (r) => {
      const existing = await r.findOneBy({ siteId: profile.siteId, fingerprint: profile.fingerprint });
      if (existing) await r.update({ id: existing.id }, { lastSeenAt: profile.lastSeenAt });
      else await r.save(profile);
      return !existing;
    });
  }

  /** Newest first: the first is the site's current data. */
  forSite(siteId: string): Promise<DataProfileEntity[]> {
    return this.repo.find({ where: { siteId }, order: { lastSeenAt: 'DESC', receivedAt: 'DESC' } });
  }

  async latest(siteId: string): Promise<DataProfileEntity | null> {
    return (await this.forSite(siteId))[0] ?? null;
  }
}
