import { z } from 'zod';

import { ConsiliumError } from '../../common/errors.js';
import { preprocessingSchema } from '../../common/preprocessing.schema.js';
import { parseRunSpec } from '../../common/run-spec.parse.js';
import { taskSchema } from '../../common/run-spec.schema.js';
import type { AuditActor } from '../domain/audit-chain.js';
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
    const source = version ? await this.repos.runs.get(version.runId) : null;
    const uploaded = version ? null : await this.repos.initialModels.find(request.model);
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
      name: request.name ?? `evaluation of ${source ? `${source.name} round ${version!.round}` : `uploaded model ${uploaded!.name}`}`,
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
}
