import { ConsiliumError, describeError } from '../../common/errors.js';
import { canonicalJson } from '../../common/hashing.js';
import { type RunSpec, runSpecSchema } from '../../common/run-spec.schema.js';
import type { RunOffer, SiteConsent, TaskOrder } from '../../common/task-order.js';
import { type MachineMemory, memoryShortfall, policyViolations } from './policy-check.js';
import { budgetShortfall, type PrivacyLedger } from './privacy-ledger.js';
import type { RunConsents } from './run-consents.js';
import type { SitePolicy } from './site-policy.js';

/**
 * Where the agent decides what it will run: each offered spec against the
 * site's policy and hospital IT's approvals, and each task against the spec
 * it claims to belong to.
 */
export class ConsentDesk {
  /** Policy verdicts per spec hash: a spec never changes under its hash, and checking it builds the model. */
  private readonly verdicts = new Map<string, Promise<string[]>>();

  constructor(
    private readonly policy: SitePolicy,
    private readonly consents: RunConsents,
    /** The machine's memory as it is now: not cached with the verdicts, since it changes. */
    private readonly machine: () => MachineMemory = () => ({ availableBytes: process.availableMemory(), prefetchBatches: 4 }),
    /** The site's privacy ledger, for the policy's privacyBudget. */
    private readonly ledger: PrivacyLedger | null = null,
    /** The site's training samples now: DP-SGD's spend follows from them. */
    private readonly trainSamples: () => number = () => 0,
  ) {}

  /**
   * The site's word on an offered run: refused when the spec breaks the
   * policy (with every rule it breaks), approved when hospital IT approved
   * its hash or the policy needs no approval, awaiting approval otherwise.
   */
  async consentTo(offer: RunOffer): Promise<SiteConsent> {
    const base = { runId: offer.runId, specSha256: offer.specSha256 };
    const parsed = runSpecSchema.safeParse(JSON.parse(offer.specJson));
    if (!parsed.success) return { ...base, state: 'refused', reason: ConsiliumError.fromZod('offered spec', parsed.error).message };
    let verdict = this.verdicts.get(offer.specSha256);
    if (!verdict) {
      // A model the site cannot even build is refused with the reason, like any other breach.
      verdict = policyViolations(parsed.data, this.policy).catch((error: unknown) => [describeError(error)]);
      this.verdicts.set(offer.specSha256, verdict);
    }
    const violations = await verdict;
    if (violations.length > 0) return { ...base, state: 'refused', reason: `site policy: ${violations.join('; ')}` };
    const shortfall = memoryShortfall(parsed.data, this.machine());
    if (shortfall) return { ...base, state: 'refused', reason: `site memory: ${shortfall}` };
    // Spend moves as rounds go by: checked on every offer and task, never cached.
    const budget = this.policy.privacyBudget;
    const overspend = budget && this.ledger ? budgetShortfall(parsed.data, offer.runId, this.ledger, budget, this.trainSamples()) : null;
    if (overspend) return { ...base, state: 'refused', reason: `privacy budget: ${overspend}` };
    if (!this.policy.requireApproval) return { ...base, state: 'approved', reason: 'the site policy needs no approval' };
    if (parsed.data.rounds === 0 && this.policy.evaluationWithoutApproval)
      return { ...base, state: 'approved', reason: 'the site policy lets evaluation-only jobs run without approval' };
    const approvals = this.consents.read().approvals.filter((a) => a.specSha256 === offer.specSha256);
    if (approvals.some((a) => !a.revokedAt)) return { ...base, state: 'approved', reason: '' };
    if (approvals.length > 0) return { ...base, state: 'revoked', reason: 'hospital IT revoked its approval of this spec' };
    return { ...base, state: 'awaiting-approval', reason: `awaiting approval by the site (consilium site approve ${offer.specSha256.slice(0, 12)})` };
  }

  /**
   * A task must belong to a spec this site holds and consents to, and carry
   * that spec's model: an approval of one spec never lets another run.
   */
  async checkTask(task: TaskOrder): Promise<RunSpec> {
    const offer = this.consents.offer(task.runId);
    if (!offer || offer.specSha256 !== task.runSpecSha256) {
      throw new ConsiliumError(
        'PERMISSION_DENIED',
        `refused: task names spec ${task.runSpecSha256}, which was never offered to this site for run ${task.runId}`,
      );
    }
    const consent = await this.consentTo(offer);
    if (consent.state !== 'approved') throw new ConsiliumError('PERMISSION_DENIED', `refused: ${consent.state}: ${consent.reason}`);
    const offered = JSON.parse(offer.specJson) as { model: unknown };
    // Against the spec as hashed, not as re-parsed: what was approved is exactly these bytes.
    if (canonicalJson(JSON.parse(task.modelTopologyJson)) !== canonicalJson(offered.model)) {
      throw new ConsiliumError('PERMISSION_DENIED', `refused: the task's model differs from the model of spec ${offer.specSha256}`);
    }
    if (task.localEpochs > this.policy.maxLocalEpochs) {
      throw new ConsiliumError(
        'PERMISSION_DENIED',
        `refused: task asks for ${task.localEpochs} local epochs; the site policy allows ${this.policy.maxLocalEpochs}`,
      );
    }
    return runSpecSchema.parse(offered);
  }
}
