import type { EntityManager } from 'typeorm';

import { RunConsentEntity } from '../entities/run-consent.entity.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

export class RunConsentRepository extends EntityRepository<RunConsentEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, RunConsentEntity, transactions);
  }

  /** Records the site's latest word on the run; returns whether it changed anything. */
  async record(consent: RunConsentEntity): Promise<boolean> {
    return this.write(async (r) => {
      const existing = await r.findOneBy({ runId: consent.runId, siteId: consent.siteId });
      if (existing && existing.state === consent.state && existing.specSha256 === consent.specSha256 && existing.reason === consent.reason) return false;
      await r.save(consent);
      return true;
    });
  }

  forRun(runId: string): Promise<RunConsentEntity[]> {
    return this.repo.find({ where: { runId }, order: { siteId: 'ASC' } });
  }
}
