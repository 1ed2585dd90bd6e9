import { z } from 'zod';

import { ConsiliumError } from '../../common/errors.js';
import { preprocessingSchema } from '../../common/preprocessing.schema.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { taskSchema } from '../../common/run-spec.schema.js';
import type { AuditActor } from '../domain/audit-chain.js';
import { type CrossSiteMatrix, crossSiteMatrix, type EvaluationJob } from '../domain/cross-site-matrix.js';
import type { Run } from '../domain/records.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { RunService } from './run.service.js';

/** `POST /api/evaluations`: evaluate a model at chosen sites, without training. */
export const evaluationRequestSchema = z.strictObject({
  /** A model version of any run, or an uploaded model. */
  model: z.string().min(1).max(128),
  sites: z.array(z.string().min(1)).min(1).max(10_000),
  name: z.string().min(1).max(200).optional(),
  /** The class names in output order: required for an uploaded model; a run's version brings its run's. */
  classes: z.array(z.string().min(1)).min(1).optional(),
  task: taskSchema.optional(),
  /** How the sites prepare their data; a run's version brings its run's (and its pooled feature scaling). */
  preprocessing: preprocessingSchema.optional(),
  batchSize: z.number().int().min(1).max(65_536).optional(),
  /** Reports needed; defaults to every listed site. */
  minSites: z.number().int().min(1).optional(),
  roundDeadlineSeconds: z
    .number()
    .positive()
    .max(7 * 24 * 3600)
    .optional(),
});
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;

/** `POST /api/runs/:id/cross-site`: evaluate each site's personalised model at these sites (default: the run's last round's). */
export const crossSiteRequestSchema = z.strictObject({ sites: z.array(z.string().min(1)).min(1).max(10_000).optional() });
export type CrossSiteRequest = z.infer<typeof crossSiteRequestSchema>;

/**
 * Evaluation-only jobs: a run of no training rounds (`rounds: 0`) whose
 * initial model is the one evaluated, so sites consent to it like any run
 * (their policy may let such jobs run without approval), evaluate it on their
 * validation splits in the closing evaluation round, and report only the
 * guarded figures. A model version brings its run's topology, classes, task
 * and preprocessing; an uploaded model needs the classes named.
 */
export class Evaluations {
  constructor(
    private readonly repos: Repositories,
    private readonly runs: RunService,
  ) {}

  async create(request: EvaluationRequest, actor: AuditActor): Promise<Run> {
    const version = await this.repos.models.get(request.model);
    const uploaded = version ? null : await this.repos.initialModels.find(request.model);
    // A site's personalised model (FedBN) brings its run's classes, task and preprocessing, as a version does.
    const sourceRunId = version?.runId ?? uploaded?.runId;
    const source = sourceRunId ? await this.repos.runs.get(sourceRunId) : null;
    if (!source && !uploaded) {
      throw new ConsiliumError('NOT_FOUND', `no model version and no uploaded model is ${request.model}; consilium model list shows the uploads`, [
        { path: 'model', message: `${request.model} names nothing` },
      ]);
    }
    const classes = request.classes ?? source?.spec.classes;
    if (!classes) {
      throw new ConsiliumError('INVALID_ARGUMENT', `invalid evaluation: classes: name the uploaded model's classes in output order`, [
        { path: 'classes', message: "an uploaded model does not say its classes; list them in the order of the model's outputs" },
      ]);
    }
    const task = request.task ?? source?.spec.task;
    const preprocessing = request.preprocessing ?? source?.spec.preprocessing;
    const spec = parseRunSpec({
      name:
        request.name ??
        `evaluation of ${version ? `${source!.name} round ${version.round}` : uploaded!.runId ? uploaded!.name : `uploaded model ${uploaded!.name}`}`,
      model: source ? source.spec.model : uploaded!.topology,
      classes,
      rounds: 0,
      initialModel: request.model,
      sites: request.sites,
      ...(task ? { task } : {}),
      ...(preprocessing ? { preprocessing } : {}),
      ...(source ? { loss: source.spec.loss } : {}),
      ...(request.batchSize ? { batchSize: request.batchSize } : {}),
      ...(request.minSites ? { minSites: request.minSites } : {}),
      ...(request.roundDeadlineSeconds ? { roundDeadlineSeconds: request.roundDeadlineSeconds } : {}),
    });
    return this.runs.create(spec, actor, { featureScaling: source?.featureScaling ?? null });
  }

  /**
   * `consilium run cross-site`: one evaluation job per personalised model a
   * FedBN run with crossSite collected (each site's own batch normalization
   * on the final global model), at the given sites or every site that took
   * part in the run's last round. Each evaluating site consents to each job
   * as to any evaluation.
   */
  async crossSite(runId: string, request: CrossSiteRequest, actor: AuditActor): Promise<Run[]> {
    const details = await this.runs.details(runId);
    const { run } = details;
    const { strategy } = run.spec;
    if (strategy.name !== 'fedbn' || !strategy.crossSite) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `run ${runId} collected no personalised models: a cross-site matrix needs a FedBN run with strategy {name: fedbn, crossSite: true}`,
      );
    }
    if (run.status !== 'completed') {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `run ${runId} is ${run.status}: its sites share their models in its closing evaluation, when it completes`,
      );
    }
    const models = crossSiteMatrix(runId, await this.repos.initialModels.forRun(runId), []).models;
    if (models.length === 0) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `no site of run ${runId} shared its personalised model: a site shares it only where its policy sets sharePersonalisedTensors`,
      );
    }
    const sites = request.sites ?? [...new Set(details.rounds.at(-1)?.tasks.map((t) => t.siteId) ?? [])].sort();
    const jobs: Run[] = [];
    for (const model of models) {
      jobs.push(await this.create({ model: model.modelId, sites, name: `cross-site: ${model.site}'s model of ${run.name}`.slice(0, 200) }, actor));
    }
    return jobs;
  }

  /** The cross-site matrix of a run so far: every shared personalised model, at every site that evaluated it. */
  async crossSiteMatrix(runId: string): Promise<CrossSiteMatrix> {
    await this.runs.get(runId);
    const personalised = await this.repos.initialModels.forRun(runId);
    const ids = new Set(personalised.map((m) => m.id));
    const runs = (await this.repos.runs.list()).filter((r) => r.spec.initialModel !== undefined && ids.has(r.spec.initialModel) && r.spec.rounds === 0);
    const jobs: EvaluationJob[] = [];
    for (const job of runs.sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
      const details = await this.runs.details(job.id);
      const round = details.rounds.find((r) => r.kind === 'evaluate');
      jobs.push({
        runId: job.id,
        status: job.status,
        initialModel: job.spec.initialModel!,
        tasks: (round?.tasks ?? []).map((t) => ({
          siteId: t.siteId,
          status: t.update?.status === 'accepted' ? 'accepted' : t.status,
          reason: t.reason,
          metrics: t.update?.status === 'accepted' ? t.update.metrics : null,
        })),
      });
    }
    return crossSiteMatrix(runId, personalised, jobs);
  }
}
