import type { EntityManager, Repository } from 'typeorm';
import { RunConsentEntity } from '../entities/run-consent.entity.js';

export class RunConsentRepository {
  private readonly repo: Repository<RunConsentEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(RunConsentEntity);
  }

  /** Records the site's latest word on the run; returns whether it changed anything. */
  async record(consent: RunConsentEntity): Promise<boolean> {
    const existing = await this.repo.findOneBy({ runId: consent.runId, siteId: consent.siteId });
    if (existing && existing.state === consent.state && existing.specSha256 === consent.specSha256 && existing.reason === consent.reason) return false;
    await this.repo.save(consent);
    return true;
  }

  forRun(runId: string): Promise<RunConsentEntity[]> {
    return this.repo.find({ where: { runId }, order: { siteId: 'ASC' } });
  }
}
