import { ConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { LogFields } from '../../common/log.js';
import { frozenLayers, layerOfWeight } from '../../common/model-freeze.js';
import { inputShapeOf, modelTopologySchema } from '../../common/model-spec.schema.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import type { TaskOrder } from '../../common/task-order.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { CountGuard } from '../profile/privacy-guard.js';
import { guardedMetrics } from '../profile/published-counts.js';
import { augmenter, siteSeed } from '../training/augment.js';
import { privatizeUpdate } from '../training/privatize-update.js';
import { splitTrained, withLocalTensors } from '../training/shared-tensors.js';
import type { TrainingJob } from '../training/trainer.js';
import type { TaskDeps } from './task-deps.js';

/** The ids every line about a task carries. */
export function taskIds(task: TaskOrder): LogFields {
  return { runId: task.runId, round: task.round, taskId: task.taskId };
}

/** Tells the coordinator which phase a task is in, for `run watch`; training reports each epoch itself. */
export function phase(task: TaskOrder, name: 'fetching' | 'evaluating' | 'uploading', deps: TaskDeps): void {
  deps.report({ kind: 'progress', progress: { taskId: task.taskId, phase: name, epoch: 0, epochs: task.localEpochs, fraction: 0 } });
}

/** What training leaves to send: the shared delta as it leaves (privatized), its guarded figures, and the true sample count. */
export interface TrainedUpdate {
  outgoing: NamedTensor[];
  sampleCount: number;
  metrics: Record<string, number>;
  /** The training samples, exactly: for the site's own ledger and its masked weight, never sent in the clear. */
  trainCount: number;
}

/**
 * Fetches the model, then evaluates (answered on the stream; nothing to
 * upload; null) or trains and privatizes the update as the approved spec says.
 */
export async function trainForTask(task: TaskOrder, spec: RunSpec, label: string, deps: TaskDeps): Promise<TrainedUpdate | null> {
  deps.logger.info(`${label}: fetching model ${task.modelVersionId}`, taskIds(task));
  phase(task, 'fetching', deps);
  const container = await deps.fetchModel(task);
  const parsed = modelTopologySchema.safeParse(JSON.parse(task.modelTopologyJson));
  if (!parsed.success) throw ConsiliumError.fromZod('model spec sent by the coordinator', parsed.error);
  // Tensors the round does not share (FedBN) come from this site's own store, never from the coordinator.
  const local = task.sharedTensors.length > 0 ? await deps.localTensors.load(task.runId) : null;
  const job: TrainingJob = {
    topology: parsed.data,
    weights: withLocalTensors(decodeTensors(container), local, task.sharedTensors),
    localEpochs: task.localEpochs,
    batchSize: task.batchSize,
    optimizer: task.optimizer,
    learningRate: task.learningRate,
    loss: task.loss,
    seed: task.seed,
    prefetchBatches: deps.prefetchBatches,
    threads: deps.trainingThreads,
    proximalMu: task.proximalMu,
    frozenLayers: [...frozenLayers(parsed.data, spec.freeze)],
    classWeights: task.classWeights,
    ...(spec.privacy?.level === 'sample' ? { dpSgd: { clipNorm: spec.privacy.clipNorm, noiseMultiplier: spec.privacy.noiseMultiplier } } : {}),
    ...(spec.augmentation
      ? { augment: augmenter(spec.augmentation, inputShapeOf(parsed.data), siteSeed(task.seed, deps.siteId), spec.preprocessing.window ?? null) }
      : {}),
  };
  const data = await deps.localData(inputShapeOf(parsed.data), task.classes, task.preprocessing, spec.qualityGate?.requireReviewedPreAnnotation ?? false);
  // Sample counts leave the site with the result: through the guard, and never for fewer samples than k.
  const guard = new CountGuard({ minCellSize: deps.minCellSize });
  const k = guard.policy.minCellSize;
  if (task.evaluateOnly) {
    if (data.validation.count < k)
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `this site holds fewer validation samples of the run's classes than its minimum cell size (privacy.minCellSize ${k}); it does not report metrics over so few`,
      );
    phase(task, 'evaluating', deps);
    const result = await deps.evaluate(job, data);
    const metrics = guardedMetrics({ ...result.metrics, val_samples: result.sampleCount }, guard);
    const shared = personalisedTensors(task, spec, local, label, deps);
    deps.report({
      kind: 'evaluation',
      taskId: task.taskId,
      sampleCount: guard.count(result.sampleCount)!,
      metrics,
      ...(shared ? { localTensors: shared.container } : {}),
    });
    await deps.log.append({
      kind: 'evaluation',
      taskId: task.taskId,
      runId: task.runId,
      round: task.round,
      ...result,
      ...(shared ? { localTensors: { names: shared.names, bytes: shared.container.length, sha256: sha256Hex(shared.container) } } : {}),
    });
    deps.logger.info(`${label}: evaluated, accuracy ${result.metrics['val_accuracy']?.toFixed(3) ?? 'n/a'}`, taskIds(task));
    return null;
  }
  if (data.train.count < k)
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `this site holds fewer training samples of the run's classes than its minimum cell size (privacy.minCellSize ${k}); it does not train on so few, since the sample count leaves the site with the update`,
    );
  // The site's ledger approved DP-SGD's steps as the spec plans them: a task asking for more would spend more.
  if (job.dpSgd && (task.localEpochs !== spec.localEpochs || task.batchSize !== spec.batchSize)) {
    throw new ConsiliumError(
      'PERMISSION_DENIED',
      `refused: the task asks for ${task.localEpochs} local epochs in batches of ${task.batchSize}; the spec's DP-SGD spend, which the site's privacy budget approved, is for ${spec.localEpochs} in batches of ${spec.batchSize}`,
    );
  }
  deps.logger.info(`${label}: training on ${data.train.count} samples for ${job.localEpochs} epochs${job.dpSgd ? ' with DP-SGD' : ''}`, taskIds(task));
  const result = await deps.train(job, data, (epoch) =>
    deps.report({ kind: 'progress', progress: { taskId: task.taskId, phase: 'training', epoch, epochs: job.localEpochs, fraction: epoch / job.localEpochs } }),
  );
  const { sharedDelta, local: kept } = splitTrained(result.weights, result.delta, task.sharedTensors);
  // Tensors the round does not share stay here (FedBN); frozen ones are the global model's and need no keeping.
  const own = kept.filter((t) => !job.frozenLayers!.includes(layerOfWeight(t.name)));
  if (own.length > 0) await deps.localTensors.save(task.runId, own);
  // The privacy the site approved is the spec's, applied here, whatever the task says. DP-SGD's update is private as
  // trained (the noise went into every step), so only site-level DP noises it again.
  const outgoing = spec.privacy && spec.privacy.level !== 'sample' ? privatizeUpdate(sharedDelta, siteNoise(spec)).tensors : sharedDelta;
  return {
    outgoing,
    sampleCount: guard.count(result.sampleCount)!,
    metrics: guardedMetrics(result.metrics, guard, result.sampleCount),
    trainCount: data.train.count,
  };
}

/**
 * The tensors this site keeps for a run (FedBN's batch normalization), as a
 * container for a cross-site run's closing evaluation: only when the task
 * asks, the site's policy allows (sharePersonalisedTensors) and the run adds
 * no noise to updates (its guarantee covers the shared delta, not these).
 * The store never holds a frozen layer's tensors (they are the global
 * model's; training keeps only its own). They travel in one stream message,
 * so a container over MAX_SHARED_LOCAL_BYTES stays too.
 */
function personalisedTensors(
  task: TaskOrder,
  spec: RunSpec,
  local: readonly NamedTensor[] | null,
  label: string,
  deps: TaskDeps,
): { names: string[]; container: Uint8Array } | null {
  if (!task.shareLocalTensors) return null;
  const own = local ?? [];
  const container = own.length > 0 ? encodeTensors(own, 'float32') : null;
  const why = !deps.sharePersonalisedTensors
    ? 'the site policy does not set sharePersonalisedTensors'
    : spec.privacy
      ? "the run privatizes its updates (spec privacy), a guarantee that does not cover the site's own tensors"
      : !container
        ? 'the site keeps no tensors for this run'
        : container.length > MAX_SHARED_LOCAL_BYTES
          ? `they take ${container.length} bytes, more than the ${MAX_SHARED_LOCAL_BYTES} one stream message may carry`
          : null;
  if (why) {
    deps.logger.info(`${label}: the run asks for this site's own tensors, for its cross-site matrix; not sent: ${why}`, taskIds(task));
    return null;
  }
  deps.logger.info(`${label}: sending the ${own.length} tensors this site keeps (${container!.length} bytes), for the run's cross-site matrix`, taskIds(task));
  return { names: own.map((t) => t.name), container: container! };
}

/**
 * The largest container of a site's own tensors sent with an evaluation: well
 * inside the coordinator's default 4 MiB message bound. FedBN keeps batch
 * normalization only: 0.2 MB for all of ResNet-50's.
 */
export const MAX_SHARED_LOCAL_BYTES = 2 * 1024 * 1024;

/**
 * The clipping and noise a site applies to its update at site level before it leaves: all of the spec's noise
 * with local noise; with central noise none (the coordinator adds it to the mean) and with distributed noise none
 * yet (it goes onto the weighted input, see distributedNoiseStdDev); the site clips in every case.
 */
export function siteNoise(spec: RunSpec): { clipNorm: number; noiseMultiplier: number } {
  const { clipNorm, noiseMultiplier, noise } = spec.privacy!;
  return { clipNorm, noiseMultiplier: noise === 'central' || noise === 'distributed' ? 0 : noiseMultiplier };
}
