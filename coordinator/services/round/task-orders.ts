import type { SecureAggregationOrder, TaskOrder } from '../../../common/task-order.js';
import { runClassWeights } from '../../domain/class-weights.js';
import { runPreprocessing } from '../../domain/feature-scaling.js';
import type { Round, Run, Task } from '../../domain/records.js';
import type { Repositories } from '../../persistence/repositories/index.js';
import type { ModelCatalog } from '../model-catalog.js';
import type { SecureAggregations } from '../secure-aggregations.js';
import type { SiteSessions } from '../site-sessions.js';

/** What each site is told to do: built from the run spec and the task's instructions, sent and sent again. */
export class TaskOrders {
  constructor(
    private readonly repos: Repositories,
    private readonly catalog: ModelCatalog,
    private readonly sessions: SiteSessions,
    private readonly secure: SecureAggregations,
  ) {}

  async send(run: Run, round: Round, tasks: readonly Task[]): Promise<void> {
    const base = await this.catalog.get(round.baseModelVersionId);
    const secureAggregation = await this.secure.orderFor(run, round);
    for (const task of tasks) this.sessions.send(task.siteId, orderFor(run, round, task, base.sha256, base.bytes, secureAggregation));
  }

  /** A site that reconnects gets again the tasks it still owes, so an agent restart does not stall a round. */
  async resendOpen(siteId: string): Promise<void> {
    for (const run of await this.repos.runs.withStatus(['running'])) {
      const round = (await this.repos.rounds.forRun(run.id)).find((r) => r.status === 'collecting');
      if (!round) continue;
      const task = (await this.repos.tasks.forRound(round.id)).find((t) => t.siteId === siteId && t.status === 'sent');
      if (task) await this.send(run, round, [task]);
    }
  }
}

/** A FedBN run with crossSite asks each site, in its closing evaluation, for the tensors it keeps. */
export function sharesLocalTensors(run: Run, round: Pick<Round, 'kind'>): boolean {
  const { strategy } = run.spec;
  return round.kind === 'evaluate' && run.spec.rounds > 0 && strategy.name === 'fedbn' && strategy.crossSite;
}

export function orderFor(
  run: Run,
  round: Round,
  task: Task,
  modelSha256: string,
  modelBytes: number,
  secureAggregation: SecureAggregationOrder | null = null,
): TaskOrder {
  const { spec } = run;
  const hyper = task.instructions?.hyperParameters;
  return {
    taskId: task.id,
    runId: run.id,
    round: round.number,
    modelVersionId: round.baseModelVersionId,
    modelSha256,
    modelBytes,
    modelTopologyJson: JSON.stringify(spec.model),
    classes: spec.classes,
    localEpochs: hyper?.localEpochs ?? spec.localEpochs,
    batchSize: hyper?.batchSize ?? spec.batchSize,
    optimizer: spec.optimizer.name,
    learningRate: hyper?.learningRate ?? spec.optimizer.learningRate,
    loss: spec.loss,
    deadlineUnixMs: new Date(round.deadlineAt).getTime(),
    updateEncoding: spec.updateEncoding,
    seed: (spec.seed + round.number * 7919) >>> 0,
    evaluateOnly: round.kind === 'evaluate',
    proximalMu: task.instructions?.proximalMu ?? 0,
    sharedTensors: task.instructions?.sharedTensors ?? [],
    preprocessing: runPreprocessing(run),
    runSpecSha256: run.specSha256,
    classWeights: runClassWeights(run),
    shareLocalTensors: sharesLocalTensors(run, round),
    secureAggregation,
  };
}
