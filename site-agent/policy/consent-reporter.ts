import type { Clock } from '../../common/clock.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import type { RunOffer, SiteConsent, SiteReport, TaskOrder } from '../../common/task-order.js';
import type { AgentLogger } from '../task/task-deps.js';
import type { ConsentDesk } from './consent-desk.js';
import { hasEnded, type RunConsents } from './run-consents.js';

/**
 * The site's word on each offered run, told to the coordinator once per
 * change: at an offer, when the approvals file changes, and before a task
 * is refused (so the coordinator learns of a revoked approval first).
 */
export class ConsentReporter {
  /** The consent last sent per run, so a changed approvals file sends only what changed. */
  private readonly said = new Map<string, string>();

  constructor(
    private readonly consents: RunConsents,
    private readonly desk: ConsentDesk,
    private readonly log: { append(entry: Record<string, unknown>): Promise<void> },
    private readonly logger: AgentLogger,
    private readonly send: (report: SiteReport) => void,
    private readonly clock: Clock,
  ) {}

  /** A new connection may reach a coordinator that forgot nothing, or one restored from backup: say everything again. */
  forget(): void {
    this.said.clear();
  }

  async onOffer(offer: RunOffer): Promise<void> {
    await this.consents.recordOffer(offer, this.clock.now());
    if (hasEnded(offer)) return;
    await this.tell(await this.desk.consentTo(offer));
  }

  /** The approvals file changed: tell the coordinator about every active offer whose consent changed. */
  async reconsider(): Promise<void> {
    for (const offer of this.consents.read().offers) {
      if (!hasEnded(offer)) await this.tell(await this.desk.consentTo(offer));
    }
  }

  /** The spec the site approved for the task's run; a refusal is preceded by the site's current word on the run. */
  async approve(task: TaskOrder): Promise<RunSpec> {
    try {
      return await this.desk.checkTask(task);
    } catch (error) {
      const offer = this.consents.offer(task.runId);
      if (offer) await this.tell(await this.desk.consentTo(offer));
      throw error;
    }
  }

  private async tell(consent: SiteConsent): Promise<void> {
    const key = `${consent.specSha256}|${consent.state}|${consent.reason}`;
    if (this.said.get(consent.runId) === key) return;
    this.send({ kind: 'consent', consent });
    this.said.set(consent.runId, key);
    await this.log.append({ kind: 'consent', ...consent });
    this.logger.info(`run ${consent.runId}: ${consent.state}${consent.reason ? ` (${consent.reason})` : ''}`);
  }
}
