import { randomUUID } from 'node:crypto';

import type { Clock } from '../../../common/clock.js';
import { frozenLayers, layerOfWeight } from '../../../common/model-freeze.js';
import { quorumOf } from '../../../common/run-spec.schema.js';
import { balancedClassWeights } from '../../domain/class-weights.js';
import { poolFeatureStatistics } from '../../domain/feature-scaling.js';
import { gateFailures } from '../../domain/quality-gate.js';
import type { RoundKind, Run } from '../../domain/records.js';
import { taskView } from '../../domain/round/phase-of.js';
import type { OpenRound, SiteAvailability } from '../../domain/round/round-phase.js';
import { selectSites, sitesFailingInARow } from '../../domain/round-policy.js';
import { strategyFor } from '../../domain/strategies/index.js';
import type { Repositories } from '../../persistence/repositories/index.js';
import type { ServiceLogger } from '../logger.js';
import type { CoordinatorMetrics } from '../metrics.js';
import type { ModelCatalog } from '../model-catalog.js';
import type { SiteSessions } from '../site-sessions.js';
import type { RoundRecords } from './round-records.js';
import type { TaskOrders } from './task-orders.js';

/** Which sites may take part in a round, and the opening of a round on the sites chosen. */
export class RoundOpener {
  constructor(
    private readonly repos: Repositories,
    private readonly records: RoundRecords,
    private readonly catalog: ModelCatalog,
    private readonly sessions: SiteSessions,
    private readonly orders: TaskOrders,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    private readonly metrics: CoordinatorMetrics,
  ) {}

  /**
   * Sites that may take part in a round now: listed (or any), online, not
   * failing round after round, passing the run's quality gate on their
   * latest data profile, and consenting to this exact spec. A site left out
   * is recorded in the run's exclusions with the reasons.
   */
  async availability(run: Run): Promise<SiteAvailability> {
    const { spec } = run;
    // Sites that failed their last rounds in a row are left out of the run, with the reason on record.
    const failing = sitesFailingInARow(await this.repos.tasks.forRun(run.id), spec.roundPolicy.maxConsecutiveFailures);
    for (const [siteId, streak] of failing) {
      await this.exclude(
        run.id,
        siteId,
        `failed or missed its last ${streak} rounds (roundPolicy.maxConsecutiveFailures: ${spec.roundPolicy.maxConsecutiveFailures})`,
      );
    }
    const connected = await this.sessions.online();
    const online = (spec.sites ?? connected).filter((id) => connected.includes(id) && !failing.has(id));
    const consents = await this.repos.consents.forRun(run.id);
    // Consent is to this exact spec: an approval of another hash does not count.
    const approved = new Set(consents.filter((c) => c.state === 'approved' && c.specSha256 === run.specSha256).map((c) => c.siteId));
    // The gate judges every online site, consenting or not, so its exclusions are on record before anyone trains.
    const passing: string[] = [];
    for (const siteId of online) {
      const reasons = spec.qualityGate ? gateFailures((await this.repos.profiles.latest(siteId))?.profile ?? null, spec.qualityGate) : [];
      if (reasons.length === 0) passing.push(siteId);
      else await this.exclude(run.id, siteId, reasons.join('; '));
    }
    const excluded = (await this.repos.runs.get(run.id))?.exclusions ?? [];
    return {
      ready: passing.filter((siteId) => approved.has(siteId)),
      online: connected,
      excluded: excluded.map(({ siteId, reason }) => ({ siteId, reason })),
      unwilling: consents.filter((c) => c.state !== 'approved').map((c) => ({ siteId: c.siteId, state: c.state, reason: c.reason ?? null })),
    };
  }

  /** Opens round `number` on the ready sites the round policy and the strategy pick, and sends each its task. */
  async open(stored: Run, number: number, kind: RoundKind, ready: string[]): Promise<OpenRound> {
    let run = stored;
    const { spec } = run;
    const quorum = quorumOf(spec);
    const { roundPolicy } = spec;
    // The strategy picks the sites and what each is told; the tasks record it, so a resend or an audit sees the same.
    const layout = await this.catalog.layoutOf(run.id, spec.model);
    // Training rounds ask the round policy's pick; the final evaluation asks every ready site.
    const needed = Math.max(quorum, roundPolicy.minSitesToStart ?? quorum);
    const selection =
      kind === 'evaluate'
        ? { selected: ready, target: ready.length }
        : selectSites(ready, { quorum, minSitesToStart: needed, fraction: roundPolicy.fraction, overSelection: roundPolicy.overSelection }, spec.seed, number);
    // Frozen layers are neither trained nor exchanged: the strategy plans over the trainable tensors only.
    const frozen = frozenLayers(spec.model, spec.freeze);
    const plan = strategyFor(spec.strategy).configureRound(
      number,
      selection.selected,
      layout.filter((w) => !frozen.has(layerOfWeight(w.name))),
    );
    const selected = plan.sites.map((s) => s.siteId);
    // Fixed once, from the sites of the first round that opens: every later round standardizes and weighs the same way.
    const profiles = async () =>
      Promise.all(selected.map(async (siteId) => ({ siteId, profile: (await this.repos.profiles.latest(siteId))?.profile ?? null })));
    const scaling = spec.preprocessing.standardize === 'federated' && !run.featureScaling ? poolFeatureStatistics(await profiles()) : null;
    if (scaling) run = { ...run, featureScaling: scaling };
    const classWeights = spec.classWeights === 'balanced' && !run.classWeights ? balancedClassWeights(spec.classes, await profiles()) : null;
    if (classWeights) run = { ...run, classWeights };
    const now = this.clock.now();
    const roundId = randomUUID();
    const { round, tasks } = await this.repos.transaction(async (tx) => {
      if (scaling) {
        await tx.runs.update(run.id, { featureScaling: scaling });
        await tx.audit.append({ actor: 'system', action: 'run.feature-scaling', subjects: { runId: run.id }, payload: { ...scaling } }, now.toISOString());
      }
      if (classWeights) {
        await tx.runs.update(run.id, { classWeights });
        await tx.audit.append(
          { actor: 'system', action: 'run.class-weights', subjects: { runId: run.id }, payload: { classes: spec.classes, weights: classWeights } },
          now.toISOString(),
        );
      }
      return this.records.openRound(
        tx,
        {
          id: roundId,
          runId: run.id,
          number,
          kind,
          baseModelVersionId: run.latestModelVersionId!,
          quorum,
          target: selection.target,
          startedAt: now.toISOString(),
          deadlineAt: new Date(now.getTime() + spec.roundDeadlineSeconds * 1000).toISOString(),
        },
        plan.sites.map(({ siteId, proximalMu, hyperParameters }) => ({
          id: randomUUID(),
          runId: run.id,
          roundId,
          roundNumber: number,
          siteId,
          sentAt: now.toISOString(),
          instructions: { proximalMu, hyperParameters, sharedTensors: plan.sharedTensors },
        })),
      );
    });
    this.metrics.roundsOpened.inc({ kind });
    await this.orders.send(run, round, tasks);
    this.logger.log(`run ${run.id}: round ${number} (${kind}) sent to ${selected.join(', ')}`, { runId: run.id, round: number });
    return { roundId, round: number, kind, quorum, target: round.target, deadline: new Date(round.deadlineAt).getTime(), tasks: tasks.map(taskView) };
  }

  private async exclude(runId: string, siteId: string, reason: string): Promise<void> {
    if (await this.records.exclude(runId, siteId, reason)) this.logger.warn(`run ${runId}: site ${siteId} left out: ${reason}`, { runId, siteId });
  }
}
