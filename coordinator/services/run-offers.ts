import type { RunOffer } from '../../common/task-order.js';
import type { Run } from '../domain/records.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { SiteSessions } from './site-sessions.js';

/**
 * Runs offered to sites: the whole spec and its hash, sent when a site
 * connects, when a run starts and when it ends, so each site can check the
 * spec against its policy and ask its hospital IT before anything trains.
 */
export class RunOffers {
  constructor(
    private readonly repos: Repositories,
    private readonly sessions: SiteSessions,
  ) {}

  /** What a site is shown of a run before it consents: the whole spec and its hash. */
  private offerOf(run: Run): RunOffer {
    return { runId: run.id, name: run.name, specSha256: run.specSha256, specJson: JSON.stringify(run.spec), status: run.status, createdAt: run.createdAt };
  }

  /** Offers the run to the sites it names that are online, or to every online site; each through the process holding its stream. */
  async toOnlineSites(run: Run): Promise<void> {
    const online = new Set(await this.sessions.online());
    for (const siteId of run.spec.sites ?? online) if (online.has(siteId)) this.sessions.offer(siteId, this.offerOf(run));
  }

  /** Every unfinished run the site may take part in, offered again at each connection. */
  async toSite(siteId: string): Promise<void> {
    for (const run of await this.repos.runs.withStatus(['pending', 'running'])) {
      if (!run.spec.sites || run.spec.sites.includes(siteId)) this.sessions.offer(siteId, this.offerOf(run));
    }
  }
}
