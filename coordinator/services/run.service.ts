import { randomUUID } from 'node:crypto';

import type { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { finalRound, reportedClasses } from '../../common/final-figures.js';
import { canonicalJson, sha256Hex } from '../../common/hashing.js';
import { modelSize, requireParametersAtMost } from '../../common/model-size.js';
import { inputShapeOf } from '../../common/model-spec.schema.js';
import { layersModelJson, layersModelWeightsBin } from '../../common/model-weights.js';
import { roundSpend } from '../../common/privacy-spend.js';
import { roundsEpsilon } from '../../common/rdp-accountant.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import { type SubgroupFigure, subgroupFigures } from '../../common/subgroup-metrics.js';
import type { TaskProgress } from '../../common/task-order.js';
import { decodeTensors } from '../../common/tensor-codec.js';
import type { AuditActor } from '../domain/audit-chain.js';
import { compareSites, QUALITY_THRESHOLDS, type SiteQuality } from '../domain/data-quality.js';
import { runPreprocessing } from '../domain/feature-scaling.js';
import { mappingMatrix, type SiteMappings } from '../domain/label-mappings.js';
import type { ModelVersion, Round, Run, Task, Update } from '../domain/records.js';
import type { RunExclusion } from '../domain/records.js';
import type { RunConsentEntity } from '../persistence/entities/index.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { InitialModels } from './initial-models.js';
import type { ModelBuilder } from './model-builder.js';
import type { ModelCatalog } from './model-catalog.js';
import { sharedLabelMap } from './shared-label-map.js';
import type { SiteSessions } from './site-sessions.js';

/** Which version of a run: its latest, its best by the selection, or the one round N made. */
export type VersionChoice = 'latest' | 'best' | number;

export interface RunDetails {
  run: Run;
  rounds: (Round & {
    tasks: (Task & { update: Pick<Update, 'id' | 'status' | 'reason' | 'sampleCount' | 'metrics'> | null; progress: (TaskProgress & { at: string }) | null })[];
  })[];
  /** Each site's word on the run: approved, awaiting approval, refused by its policy (with the rule), revoked. */
  consents: Pick<RunConsentEntity, 'siteId' | 'state' | 'reason' | 'specSha256' | 'updatedAt'>[];
  models: Pick<ModelVersion, 'id' | 'round' | 'sha256' | 'bytes' | 'parentId' | 'evaluation' | 'aggregation' | 'createdAt'>[];
}

/** One site's privacy cost in a run: ε is infinite (JSON null) for a run without noise. */
export interface SitePrivacySpend {
  siteId: string;
  rounds: number;
  samplingRate: number;
  stepsPerRound: number;
  plannedEpsilon: number;
  spentEpsilon: number;
}

export class RunService {
  constructor(
    private readonly repos: Repositories,
    private readonly catalog: ModelCatalog,
    private readonly clock: Clock,
    private readonly builder: ModelBuilder,
    /** The coordinator's bound on a model's parameters (its `maxParameters`). */
    private readonly maxParameters: number,
    /** Live progress of the tasks sites are working on. */
    private readonly sessions: SiteSessions,
    private readonly initialModels: InitialModels,
    /** Whether other coordinator processes share this one's runs (config `cluster.kind: postgres`). */
    private readonly clustered = false,
  ) {}

  /**
   * Validates the spec (schema, the parameter bound from the topology alone,
   * then by building the model on the builder's thread), stores it with
   * its hash and the seeded initial model version 0, and leaves the run
   * pending for the round engine.
   */
  async create(spec: RunSpec, actor: AuditActor, inherited: Pick<Run, 'featureScaling'> = {}): Promise<Run> {
    requireParametersAtMost(modelSize(spec.model), this.maxParameters, "the coordinator's maxParameters");
    if (this.clustered && spec.secureAggregation) {
      const message =
        "secure aggregation keeps a round's protocol state in the memory of one coordinator process, and this coordinator runs as several (cluster.kind: postgres); run it on a coordinator of its own (cluster.kind: solo), or leave secureAggregation out";
      throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: secureAggregation: ${message}`, [{ path: 'secureAggregation', message }]);
    }
    const id = randomUUID();
    const built = await this.builder.build(spec.model, spec.seed);
    // From the built model's output shape: the last weight may be batch norm's, not the output layer's.
    const outputs = built.outputs;
    if (outputs !== spec.classes.length) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `invalid run spec: classes: the model has ${outputs} outputs but ${spec.classes.length} classes are listed`,
        [{ path: 'classes', message: `the model's last layer has ${outputs} units; list exactly that many class names` }],
      );
    }
    // Seeded weights, or those of the starting point wherever a tensor's name and shape match.
    const start = spec.initialModel
      ? await this.initialModels.startingPoint(spec.initialModel, decodeTensors(built.initial!))
      : { weights: built.initial!, origin: null };
    if (spec.rounds === 0 && start.origin && start.origin.fresh.length > 0) {
      const message = `an evaluation-only job (rounds: 0) evaluates the given model as it is, but ${start.origin.fresh.length} of its tensors are not in ${spec.initialModel} (${start.origin.fresh.slice(0, 3).join(', ')}${start.origin.fresh.length > 3 ? ', …' : ''}); use the model's own topology`;
      throw new ConsiliumError('INVALID_ARGUMENT', `invalid run spec: initialModel: ${message}`, [{ path: 'initialModel', message }]);
    }
    const now = this.clock.iso();
    const specSha256 = sha256Hex(canonicalJson(spec));
    // The run, its initial model and their audit events commit together or not at all.
    const created = await this.repos.transaction(async (tx) => {
      const run = await tx.runs.save({
        id,
        name: spec.name,
        spec,
        specSha256,
        status: 'pending',
        completedRounds: 0,
        latestModelVersionId: null,
        error: null,
        exclusions: null,
        // An evaluated model keeps the feature scaling it was trained with.
        ...(inherited.featureScaling ? { featureScaling: inherited.featureScaling } : {}),
        createdAt: now,
        updatedAt: now,
      });
      await tx.audit.append(
        {
          actor,
          action: 'run.created',
          subjects: { runId: id },
          payload: {
            name: spec.name,
            specSha256,
            strategy: spec.strategy,
            rounds: spec.rounds,
            sites: spec.sites ?? null,
            initialModel: start.origin && { ...start.origin },
          },
        },
        now,
      );
      const initial = await this.catalog.store(id, 0, null, start.weights, [], { strategyStateSha256: null, aggregation: null, origin: start.origin }, tx);
      await tx.runs.update(id, { latestModelVersionId: initial.id });
      return { ...run, latestModelVersionId: initial.id };
    });
    this.catalog.adoptLayout(id, built.layout);
    return created;
  }

  /**
   * Compares the data of the run's sites (listed, or every site that has a
   * task in it, or every enrolled site before the first round) on their
   * latest profiles, with the quality gate's exclusions.
   */
  async dataQuality(id: string): Promise<{ runId: string; thresholds: typeof QUALITY_THRESHOLDS; sites: SiteQuality[]; exclusions: RunExclusion[] }> {
    const run = await this.get(id);
    const siteIds = await this.siteIdsOf(run);
    const sites = await Promise.all(siteIds.map(async (siteId) => ({ siteId, profile: (await this.repos.profiles.latest(siteId))?.profile ?? null })));
    return { runId: id, thresholds: QUALITY_THRESHOLDS, sites: compareSites(sites), exclusions: run.exclusions ?? [] };
  }

  /**
   * Which local terms each of the run's sites merged into each class, as the
   * sites last shared their labelMap (with their consent), with the audit
   * event that recorded it.
   */
  async labelMappings(id: string): Promise<{ runId: string; classes: string[]; sites: SiteMappings[] }> {
    const run = await this.get(id);
    const sites = await Promise.all((await this.siteIdsOf(run)).map(async (siteId) => ({ siteId, shared: await sharedLabelMap(this.repos.audit, siteId) })));
    return { runId: id, classes: run.spec.classes, sites: mappingMatrix(run.spec.classes, sites) };
  }

  /**
   * What the run costs each site's data in differential privacy: planned (every round) and spent (the updates the
   * site has sent), as ε at the spec's δ; infinite for a run without noise. At site level each round is one Gaussian
   * mechanism on the site's dataset; at sample level (DP-SGD) the steps and sampling rate follow from the training
   * samples the site reported (k-guarded, so approximate). The sites' own ledgers count the same way, on their exact
   * counts, and enforce their budgets.
   */
  async privacy(id: string): Promise<{
    runId: string;
    noiseMultiplier: number;
    level: 'site' | 'sample';
    noise: 'local' | 'distributed' | 'central';
    delta: number;
    plannedRounds: number;
    sites: SitePrivacySpend[];
  }> {
    const run = await this.get(id);
    const noiseMultiplier = run.spec.privacy?.noiseMultiplier ?? 0;
    const delta = run.spec.privacy?.delta ?? 1e-5;
    // Training rounds only: a closing evaluation's report carries figures, not a noised update.
    const training = new Set((await this.repos.rounds.forRun(id)).filter((r) => r.kind === 'train').map((r) => r.number));
    const sent = new Map<string, number>();
    for (const update of await this.repos.updates.forRun(id)) {
      if (training.has(update.roundNumber)) sent.set(update.siteId, (sent.get(update.siteId) ?? 0) + 1);
    }
    const sites = await Promise.all(
      (await this.siteIdsOf(run)).map(async (siteId) => {
        const reported = (await this.repos.sites.get(siteId))?.dataset?.['trainSamples'];
        const spend = roundSpend(run.spec, typeof reported === 'number' ? reported : 0);
        const rounds = sent.get(siteId) ?? 0;
        return {
          siteId,
          rounds,
          samplingRate: spend.samplingRate,
          stepsPerRound: spend.stepsPerRound,
          plannedEpsilon: roundsEpsilon([{ ...spend, rounds: run.spec.rounds }], delta),
          spentEpsilon: roundsEpsilon([{ ...spend, rounds }], delta),
        };
      }),
    );
    return {
      runId: id,
      noiseMultiplier,
      level: run.spec.privacy?.level ?? 'site',
      noise: run.spec.privacy?.noise ?? 'local',
      delta,
      plannedRounds: run.spec.rounds,
      sites,
    };
  }

  /** The run's sites: those its spec lists, or every site with a task in it, or every enrolled site before the first round. */
  private async siteIdsOf(run: Run): Promise<string[]> {
    if (run.spec.sites) return run.spec.sites;
    const tasked = [...new Set((await this.repos.tasks.forRun(run.id)).map((t) => t.siteId))];
    return tasked.length > 0 ? tasked : (await this.repos.sites.list()).map((s) => s.id);
  }

  /**
   * The final model's figures per subgroup (scanner vendor and model, age
   * bin, sex), pooled over the sites from the closing evaluation (or the last
   * completed round), with a flag where a subgroup's sensitivity is clearly
   * below the other cases'.
   */
  async subgroups(id: string): Promise<{ runId: string; round: number | null; subgroups: SubgroupFigure[] }> {
    const run = await this.get(id);
    const round = finalRound(await this.repos.rounds.forRun(id));
    const figures = round?.metrics ? subgroupFigures(round.metrics, reportedClasses(run.spec.classes.length)) : [];
    return { runId: id, round: round?.number ?? null, subgroups: figures };
  }

  async get(id: string): Promise<Run> {
    const run = await this.repos.runs.get(id);
    if (!run) throw new ConsiliumError('NOT_FOUND', `run ${id} does not exist`);
    return run;
  }

  list(): Promise<Run[]> {
    return this.repos.runs.list();
  }

  async details(id: string): Promise<RunDetails> {
    const run = await this.get(id);
    const [rounds, tasks, updates, models, consents] = await Promise.all([
      this.repos.rounds.forRun(id),
      this.repos.tasks.forRun(id),
      this.repos.updates.forRun(id),
      this.repos.models.forRun(id),
      this.repos.consents.forRun(id),
    ]);
    const updateOfTask = new Map<string, Update>();
    // The accepted update wins over any rejected attempt for the same task.
    for (const update of updates) if (!updateOfTask.has(update.taskId) || update.status === 'accepted') updateOfTask.set(update.taskId, update);
    return {
      run,
      rounds: rounds.map((round) => ({
        ...round,
        tasks: tasks
          .filter((t) => t.roundId === round.id)
          .map((task) => {
            const u = updateOfTask.get(task.id);
            const progress = task.status === 'sent' ? this.sessions.progressOf(task.siteId, task.id) : null;
            return { ...task, update: u ? { id: u.id, status: u.status, reason: u.reason, sampleCount: u.sampleCount, metrics: u.metrics } : null, progress };
          }),
      })),
      consents: consents.map(({ siteId, state, reason, specSha256, updatedAt }) => ({ siteId, state, reason, specSha256, updatedAt })),
      models: models.map(({ id: modelId, round, sha256, bytes, parentId, evaluation, aggregation, createdAt }) => ({
        id: modelId,
        round,
        sha256,
        bytes,
        parentId,
        evaluation,
        aggregation,
        createdAt,
      })),
    };
  }

  /**
   * A version of a run as a tfjs layers model: its latest, its best by the
   * spec's selection, or the one round N made (0: the initial model). The
   * weights path carries the choice, so tf.loadLayersModel(url) fetches the
   * weights of the same version.
   */
  async exportModel(id: string, choice: VersionChoice = 'latest'): Promise<{ modelJson: Record<string, unknown>; weightsBin: Buffer }> {
    const run = await this.get(id);
    let versionId: string | null | undefined;
    if (choice === 'latest') versionId = run.latestModelVersionId;
    else if (choice === 'best') {
      if (!run.spec.selection) throw new ConsiliumError('FAILED_PRECONDITION', `run ${id} selects no best model: its spec has no selection`);
      versionId = run.selection?.modelVersionId;
      if (!versionId) throw new ConsiliumError('NOT_FOUND', `run ${id} has no best model yet: no version has been evaluated by ${run.spec.selection.metric}`);
    } else {
      versionId = (await this.repos.models.forRun(id)).find((v) => v.round === choice)?.id;
      if (!versionId) throw new ConsiliumError('NOT_FOUND', `run ${id} has no model version of round ${choice}`);
    }
    if (!versionId) throw new ConsiliumError('NOT_FOUND', `run ${id} has no model yet`);
    return this.exportVersion(versionId, choice === 'latest' ? 'model/weights.bin' : `model/weights.bin?version=${choice}`);
  }

  /**
   * Any model version, or a site's personalised model (FedBN cross-site), by
   * its id, as a tfjs layers model: model.json plus one weights file. Its
   * userDefinedMetadata says what a user of the model needs to feed it and to
   * trace it: the class names in output order, the input shape and
   * preprocessing (with the pooled feature scaling, when the run
   * standardized), the run, the version (or the site and the version its own
   * tensors complete) and where its lineage is.
   */
  async exportVersion(versionId: string, weightsPath = 'weights.bin'): Promise<{ modelJson: Record<string, unknown>; weightsBin: Buffer }> {
    const version = await this.repos.models.get(versionId);
    const personalised = version ? null : await this.repos.initialModels.find(versionId);
    const runId = version?.runId ?? personalised?.runId;
    if (!runId) throw new ConsiliumError('NOT_FOUND', `model version ${versionId} does not exist`);
    const run = await this.get(runId);
    const stored = (version ?? personalised)!;
    const weights = await this.catalog.weights(stored);
    const consilium = {
      runId: run.id,
      runName: run.name,
      ...(version
        ? { modelVersionId: version.id, round: version.round }
        : { personalisedFor: personalised!.siteId, initialModelId: personalised!.id, baseVersionId: personalised!.baseVersionId }),
      sha256: stored.sha256,
      classes: run.spec.classes,
      inputShape: inputShapeOf(run.spec.model),
      preprocessing: runPreprocessing(run),
      ...(version && run.selection?.modelVersionId === version.id ? { selected: run.selection } : {}),
      ...(version ? { lineageUrl: `/api/models/${version.id}/lineage` } : {}),
    };
    return {
      modelJson: { ...layersModelJson(run.spec.model, weights, weightsPath), userDefinedMetadata: { consilium } },
      weightsBin: layersModelWeightsBin(weights),
    };
  }
}
