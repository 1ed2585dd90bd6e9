import type { Clock } from '../../../common/clock.js';
import { gaussian, secureUniform } from '../../../common/secure-random.js';
import { decodeTensors, encodeTensors } from '../../../common/tensor-codec.js';
import { noisedMean } from '../../domain/central-noise.js';
import { scoreOf, selectNext } from '../../domain/model-selection.js';
import type { Round, Run, Update } from '../../domain/records.js';
import { weightedMetrics } from '../../domain/round-metrics.js';
import { flatLength, splitFlat } from '../../domain/strategies/flat-vector.js';
import { strategyFor } from '../../domain/strategies/index.js';
import { memoryUpdate } from '../../domain/strategies/memory-update.js';
import { AggregationRefused, type StrategyUpdate } from '../../domain/strategies/strategy.js';
import { sharedLayout } from '../../domain/update-validation.js';
import type { Repositories } from '../../persistence/repositories/index.js';
import type { BlobStore } from '../../persistence/storage.port.js';
import type { ServiceLogger } from '../logger.js';
import { type CoordinatorMetrics, secondsSince } from '../metrics.js';
import type { ModelCatalog } from '../model-catalog.js';
import type { SecureAggregations } from '../secure-aggregations.js';
import { openStoredUpdates } from '../stored-update.js';
import type { RoundRecords } from './round-records.js';

/** The end of a round that reached its quorum: metrics on record, and for a training round the strategy's new model version. */
export class RoundCloser {
  constructor(
    private readonly repos: Repositories,
    private readonly records: RoundRecords,
    private readonly catalog: ModelCatalog,
    private readonly blobs: BlobStore,
    private readonly logger: ServiceLogger,
    private readonly clock: Clock,
    private readonly metrics: CoordinatorMetrics,
    private readonly secure: SecureAggregations,
  ) {}

  /** The coordinator's draws for central noise, from the operating system's CSPRNG. */
  private readonly uniform = secureUniform();

  async closeEvaluation(run: Run, roundId: string): Promise<void> {
    const { round, metrics, accepted } = await this.measure(run, roundId);
    await this.repos.transaction(async (tx) => {
      // The closing evaluation measures the last version: it may still be the best, but nothing is left to stop.
      await this.select(tx, run, round, metrics, accepted, false);
      await this.records.completeRound(tx, round, metrics, null);
    });
    this.metrics.roundClosed(round.kind, 'completed', round.startedAt, this.clock.now());
  }

  async aggregate(
    run: Run,
    roundId: string,
  ): Promise<{ type: 'aggregated'; completedRounds: number; stopEarly: boolean } | { type: 'aggregation-refused'; reason: string }> {
    const { round, metrics, accepted } = await this.measure(run, roundId);
    const tasks = await this.repos.tasks.forRound(round.id);
    const base = await this.catalog.get(round.baseModelVersionId);
    const layout = await this.catalog.layoutOf(run.id, run.spec.model);
    const strategy = strategyFor(run.spec.strategy);
    const previousState = base.strategyStateSha256 ? decodeTensors(await this.blobs.get(base.strategyStateSha256)) : null;
    const shared = sharedLayout(layout, tasks[0]?.instructions ?? null);
    let result;
    let updates: (StrategyUpdate & { close(): void })[] = [];
    let summed: string[] | null = null;
    let noised: { sites: number; stdDev: number } | null = null;
    const started = performance.now();
    try {
      if (run.spec.secureAggregation) {
        // The strategy sees one update: the weighted mean of the masked ones, the only thing the coordinator can know.
        const { mean, included } = await this.secure.unmask(round.id);
        updates = [{ ...memoryUpdate('secure-aggregate', 1, splitFlat(mean, shared)), close: () => undefined }];
        summed = included;
      } else if (run.spec.privacy?.noise === 'central') {
        // The strategy sees one update: the clipped updates' equally weighted mean, noised here.
        const clipped = await openStoredUpdates(this.blobs, accepted);
        try {
          const { mean, stdDev } = noisedMean(clipped, flatLength(shared), tasks.length, run.spec.privacy, () => gaussian(this.uniform));
          noised = { sites: tasks.length, stdDev };
          updates = [{ ...memoryUpdate('central-noise', 1, splitFlat(mean, shared)), close: () => undefined }];
        } finally {
          for (const update of clipped) update.close();
        }
        summed = accepted.map((u) => u.siteId);
      } else {
        // Each update is scaled by the clip factor judged when it was accepted; the stored bytes stay as the site sent them.
        updates = await openStoredUpdates(this.blobs, accepted);
      }
      result = await strategy.aggregate({
        round: round.number,
        global: await this.catalog.weights(base),
        shared,
        updates,
        failures: tasks.filter((t) => t.status !== 'accepted').map((t) => ({ siteId: t.siteId, reason: t.reason ?? t.status })),
        state: previousState,
      });
    } catch (error) {
      if (!(error instanceof AggregationRefused)) throw error;
      return { type: 'aggregation-refused', reason: error.message };
    } finally {
      for (const update of updates) update.close();
    }
    this.metrics.aggregationSeconds.observe(secondsSince(started));
    const stateSha256 = result.state ? await this.blobs.put(encodeTensors(result.state, 'float32')) : null;
    // Under secure aggregation or central noise the model is built from one sum: the sites in it are those used.
    if (summed) result = { ...result, used: summed };
    const used = new Set(result.used);
    // The new version, its audit event, the selection and the round's closing commit together: a crash leaves the round
    // open to redo.
    let stopEarly = false;
    const version = await this.repos.transaction(async (tx) => {
      const stored = await this.catalog.storeOnce(
        run.id,
        round.number,
        base.id,
        result.weights,
        accepted.filter((u) => used.has(u.siteId)).map((u) => ({ updateId: u.id, siteId: u.siteId, sha256: u.sha256, sampleCount: u.sampleCount })),
        {
          strategyStateSha256: stateSha256,
          aggregation: { strategy: strategy.name, used: result.used, excluded: result.excluded, ...(noised ? { centralNoise: noised } : {}) },
        },
        tx,
      );
      // Only a round before the last may stop the run early: after the last, training ends anyway.
      stopEarly = await this.select(tx, run, round, metrics, accepted, round.number < run.spec.rounds);
      await this.records.completeRound(tx, round, metrics, { modelVersionId: stored.id });
      return stored;
    });
    this.logger.log(
      `run ${run.id}: round ${round.number} aggregated ${result.used.length} of ${accepted.length} updates with ${strategy.name} into model ${version.id}`,
      { runId: run.id, round: round.number },
    );
    this.metrics.roundClosed(round.kind, 'completed', round.startedAt, this.clock.now());
    return { type: 'aggregated', completedRounds: round.number, stopEarly };
  }

  /**
   * The round measured its base version at the sites: the spec's selection
   * weighs it against the best so far, on record with `model.selected` when it
   * is the new best, and, where `mayStop`, `run.stopping-early` when early
   * stopping's patience ran out (true then).
   */
  private async select(
    tx: Repositories,
    run: Run,
    round: Round,
    metrics: Record<string, number>,
    accepted: readonly Update[],
    mayStop: boolean,
  ): Promise<boolean> {
    if (!run.spec.selection) return false;
    const base = await tx.models.get(round.baseModelVersionId);
    const current = (await tx.runs.get(run.id))?.selection ?? null;
    const score = scoreOf(
      run.spec.selection,
      pickEvaluation(metrics),
      accepted.map((u) => u.metrics),
    );
    const {
      selection,
      improved,
      stop: due,
    } = selectNext(run.spec, current, { modelVersionId: round.baseModelVersionId, round: base?.round ?? round.number - 1, score }, round.number);
    const stop = mayStop ? due : null;
    const now = this.clock.iso();
    const event = (action: string, payload: Record<string, unknown>, subjects: Record<string, string> = {}) =>
      tx.audit.append({ actor: 'system', action, subjects: { runId: run.id, ...subjects }, payload }, now);
    await tx.runs.update(run.id, { selection, ...(stop ? { stoppedEarly: stop } : {}), updatedAt: now });
    if (improved && selection) {
      const { modelVersionId, round: versionRound, metric, over, value } = selection;
      await event('model.selected', { round: versionRound, metric, over, value, measuredInRound: round.number }, { modelVersionId });
    }
    if (stop) await event('run.stopping-early', { ...stop });
    return stop !== null;
  }

  /**
   * The round's sample-weighted metrics. Sites evaluate the model they
   * receive before training on it, so a round's validation metrics describe
   * its base model, and are recorded as that version's evaluation.
   */
  private async measure(run: Run, roundId: string) {
    const round = (await this.repos.rounds.get(roundId))!;
    const accepted = await this.repos.updates.acceptedForRound(run.id, round.number);
    const metrics = weightedMetrics(accepted);
    await this.repos.models.update(round.baseModelVersionId, { evaluation: pickEvaluation(metrics) });
    return { round, metrics, accepted };
  }
}

function pickEvaluation(metrics: Record<string, number>): Record<string, number> {
  const evaluation: Record<string, number> = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (name === 'val_samples' || (name.startsWith('val_') && !name.startsWith('val_local_'))) evaluation[name] = value;
  }
  return evaluation;
}
