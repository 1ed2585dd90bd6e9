import type { EntityManager, Repository } from 'typeorm';
import { DataProfileEntity } from '../entities/data-profile.entity.js';

export class DataProfileRepository {
  private readonly repo: Repository<DataProfileEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(DataProfileEntity);
  }

  /** Stores a new dataset version, or marks a known one as seen again; profiles are immutable per fingerprint. */
  /** Returns whether this dataset version is new for the site. */
  async record(profile: DataProfileEntity): Promise<boolean> {
    const existing = await this.repo.findOneBy({ siteId: profile.siteId, fingerprint: profile.fingerprint });
    if (existing) await this.repo.update({ id: existing.id }, { lastSeenAt: profile.lastSeenAt });
    else await this.repo.save(profile);
    return !existing;
  }

  /** Newest first: the first is the site's current data. */
  forSite(siteId: string): Promise<DataProfileEntity[]> {
    return this.repo.find({ where: { siteId }, order: { lastSeenAt: 'DESC', receivedAt: 'DESC' } });
  }

  async latest(siteId: string): Promise<DataProfileEntity | null> {
    return (await this.forSite(siteId))[0] ?? null;
  }
}
