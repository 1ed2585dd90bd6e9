import * as tf from '@tensorflow/tfjs';

import { classificationMetrics } from '../../common/classification-metrics.js';
import { ConsiliumError } from '../../common/errors.js';
import { layerOfWeight } from '../../common/model-freeze.js';
import { modelSize } from '../../common/model-size.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import { buildModel, readWeights, writeWeights } from '../../common/model-weights.js';
import { dpSgdSampling } from '../../common/privacy-spend.js';
import { gaussian, secureUniform } from '../../common/secure-random.js';
import { seededRandom } from '../../common/seeded-random.js';
import { addCounts, countSegmentation, type SegmentationCounts, segmentationMetrics } from '../../common/segmentation-metrics.js';
import { stepCost } from '../../common/step-cost.js';
import { subgroupMetrics, type Subgroups } from '../../common/subgroup-metrics.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import type { Augmenter } from './augment.js';
import { dpSgdStep, poissonBatches } from './dp-sgd-step.js';
import type { FeatureRows } from './feature-rows.js';
import { lossFor } from './losses.js';
import { GradientPool, singleThreadReason } from './parallel/gradient-pool.js';
import { prefetched, yieldToEventLoop } from './prefetch.js';
import { proximalStep } from './proximal-step.js';
import { maskTargets, targets } from './targets.js';

export interface LocalData {
  inputShape: number[];
  classCount: number;
  train: FeatureRows;
  validation: FeatureRows;
}

/** How far the data feed runs ahead of the training step, in batches. */
export const DEFAULT_PREFETCH_BATCHES = 4;

export interface TrainingJob {
  topology: ModelTopology;
  weights: NamedTensor[];
  localEpochs: number;
  batchSize: number;
  optimizer: string;
  learningRate: number;
  loss: string;
  seed: number;
  prefetchBatches?: number;
  /** FedProx's μ: adds μ/2·‖w − w_received‖² over the trainable weights to the loss. 0 or absent: plain training. */
  proximalMu?: number;
  /** Layers kept fixed (the run's `freeze`, or `trainable: false`): not trained, and their tensors come back exactly as received. */
  frozenLayers?: readonly string[];
  /** Training-loss weight per class, in the order of classes; empty or absent: 1 for every class. Evaluation is unweighted. */
  classWeights?: readonly number[];
  /** Applied to every training batch's features; evaluation never sees it. */
  augment?: Augmenter;
  /** Threads to train on (data-parallel, see parallel/gradient-pool.ts); 1 or absent: this thread only. */
  threads?: number;
  /** Sample-level DP: DP-SGD steps on Poisson-sampled batches (see dp-sgd-step.ts) instead of shuffled batches. */
  dpSgd?: { clipNorm: number; noiseMultiplier: number };
}

export interface TrainingResult {
  /** The trained weights, every tensor. */
  weights: NamedTensor[];
  /** trained − received, every tensor. */
  delta: NamedTensor[];
  sampleCount: number;
  metrics: Record<string, number>;
}

function optimizerFor(name: string, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'adam':
      return tf.train.adam(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
    default:
      throw new ConsiliumError('INVALID_ARGUMENT', `unknown optimizer "${name}"; use sgd, adam or rmsprop`);
  }
}

async function compiled(job: TrainingJob): Promise<tf.LayersModel> {
  const model = await buildModel(job.topology);
  writeWeights(model, job.weights);
  for (const name of job.frozenLayers ?? []) model.getLayer(name).trainable = false;
  model.compile({ optimizer: optimizerFor(job.optimizer, job.learningRate), loss: lossFor(job.loss), metrics: ['accuracy'] });
  return model;
}

/** Row indices in batches of at most batchSize. */
function batchesOf(order: ArrayLike<number>, batchSize: number): number[][] {
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(Array.from({ length: Math.min(batchSize, order.length - i) }, (_, j) => order[i + j]!));
  return batches;
}

/** Runs step on every batch, features decoded `prefetch` batches ahead; returns the sample-weighted mean of [loss, accuracy]. */
async function overBatches(
  data: FeatureRows,
  batches: number[][],
  inputShape: number[],
  classCount: number,
  outputs: number,
  prefetch: number,
  step: (x: tf.Tensor, y: tf.Tensor) => Promise<number[]>,
  training: { classWeights?: readonly number[] | undefined; augment?: Augmenter | undefined } = {},
): Promise<{ loss: number; accuracy: number }> {
  let loss = 0;
  let accuracy = 0;
  let seen = 0;
  let b = 0;
  for await (const features of prefetched(batches.length, prefetch, (i) => data.read(batches[i]!))) {
    const rows = batches[b++]!;
    // Segmentation reads each row's mask (the augmenter moves it with its image); classification takes the row's label.
    const masks = data.readMasks ? await data.readMasks(rows) : null;
    const x = tf.tensor(training.augment ? training.augment(features, rows.length, masks ?? undefined) : features, [rows.length, ...inputShape], 'float32');
    const y = masks
      ? maskTargets(masks, [rows.length, ...inputShape.slice(0, -1)], classCount, training.classWeights ?? null)
      : targets(
          Int32Array.from(rows, (r) => data.labels[r]!),
          classCount,
          outputs,
          training.classWeights ?? null,
        );
    try {
      const [batchLoss, batchAccuracy] = await step(x, y);
      loss += batchLoss! * rows.length;
      accuracy += batchAccuracy! * rows.length;
      seen += rows.length;
    } finally {
      tf.dispose([x, y]);
    }
    await yieldToEventLoop();
  }
  return { loss: loss / seen, accuracy: accuracy / seen };
}

function outputsOf(model: tf.LayersModel): number {
  return model.outputs[0]!.shape.at(-1)!;
}

async function evaluate(model: tf.LayersModel, data: FeatureRows, inputShape: number[], classCount: number, job: TrainingJob): Promise<Evaluation | null> {
  if (data.count === 0) return null;
  const order = Array.from({ length: data.count }, (_, i) => i);
  let segmentation: SegmentationCounts | null = null;
  // Classification: every validation prediction, as probabilities per class, for the study figures (they stay here).
  const outputs = outputsOf(model);
  const scored = !data.readMasks && (outputs === classCount || (outputs === 1 && classCount === 2));
  const probabilities = scored ? new Float32Array(data.count * classCount) : null;
  const labels = scored ? new Int32Array(data.count) : null;
  let seen = 0;
  const { lossFunction, metric } = compiledFunctions(model);
  const result = await overBatches(
    data,
    batchesOf(order, job.batchSize),
    inputShape,
    classCount,
    outputs,
    job.prefetchBatches ?? DEFAULT_PREFETCH_BATCHES,
    async (x, y) => {
      // One forward pass for everything: the loss and accuracy model.evaluate would compute (its test function is the
      // compiled loss and metric, averaged, on the inference-mode outputs), and the predictions the figures need.
      const output = model.predict(x) as tf.Tensor;
      try {
        const scalars = tf.tidy(() => [tf.mean(lossFunction(y, output)), tf.mean(metric(y, output))]);
        const values = await Promise.all(scalars.map(async (s) => (await s.data())[0]!));
        tf.dispose(scalars);
        // Segmentation: per-class pixel counts of the predicted and true classes, the sufficient statistics of Dice.
        if (data.readMasks) {
          const [predicted, actual] = tf.tidy(() => [tf.argMax(output, -1), tf.argMax(y, -1)]);
          const counts = countSegmentation((await predicted!.data()) as Int32Array, (await actual!.data()) as Int32Array, classCount);
          tf.dispose([predicted!, actual!]);
          segmentation = segmentation ? addCounts(segmentation, counts) : counts;
        }
        if (probabilities && labels) seen += await collectPredictions(output, y, outputs, classCount, probabilities, labels, seen);
        return values;
      } finally {
        output.dispose();
      }
    },
  );
  return { ...result, segmentation, predictions: probabilities && labels ? { probabilities, labels } : null };
}

/**
 * The loss and the metric compile() set up, as model.evaluate applies them.
 * A Sequential model keeps them on the functional model inside it (a field
 * tfjs does not type as public); test/unit/trainer.test.ts checks that the
 * figures equal model.evaluate's, so a tfjs upgrade that moves them fails there.
 */
export function compiledFunctions(model: tf.LayersModel): {
  lossFunction: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor;
  metric: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor;
} {
  const compiled = model instanceof tf.Sequential ? (model as unknown as { model: tf.LayersModel }).model : model;
  return { lossFunction: compiled.lossFunctions[0]!, metric: compiled.metricsTensors[0]![0] };
}

/** Writes a batch's class probabilities and true classes from row `seen` on; returns the batch's rows. */
async function collectPredictions(
  output: tf.Tensor,
  y: tf.Tensor,
  outputs: number,
  classCount: number,
  probabilities: Float32Array,
  labels: Int32Array,
  seen: number,
): Promise<number> {
  const [predicted, actual] = await Promise.all([output.data(), y.data()]);
  const rows = output.shape[0]!;
  for (let r = 0; r < rows; r++) {
    const at = (seen + r) * classCount;
    if (outputs === 1) {
      // A single sigmoid output is the probability of class 1.
      probabilities.set([1 - predicted[r]!, predicted[r]!], at);
      labels[seen + r] = actual[r]! > 0.5 ? 1 : 0;
    } else {
      probabilities.set(predicted.subarray(r * classCount, (r + 1) * classCount) as Float32Array, at);
      let best = 0;
      for (let c = 1; c < classCount; c++) if (actual[r * classCount + c]! > actual[r * classCount + best]!) best = c;
      labels[seen + r] = best;
    }
  }
  return rows;
}

interface Evaluation {
  loss: number;
  accuracy: number;
  segmentation: SegmentationCounts | null;
  /** Classification: each validation sample's class probabilities and true class, in order. */
  predictions: { probabilities: Float32Array; labels: Int32Array } | null;
}

/**
 * The metrics of one evaluation under a prefix: loss, accuracy, for
 * segmentation the pixel counts with Dice and IoU, for classification the
 * study figures (with the score histograms the coordinator pools, for the
 * received model only: after local training each site holds its own model).
 */
function evaluationMetrics(result: Evaluation | null, prefix: string, classCount: number, subgroups?: Subgroups): Record<string, number> {
  if (!result) return {};
  const { predictions } = result;
  const received = prefix === 'val_';
  return {
    [`${prefix}loss`]: result.loss,
    [`${prefix}accuracy`]: result.accuracy,
    ...(result.segmentation ? segmentationMetrics(result.segmentation, prefix) : {}),
    ...(predictions ? classificationMetrics(predictions.probabilities, predictions.labels, classCount, prefix, received) : {}),
    ...(predictions && received && subgroups ? subgroupMetrics(predictions.probabilities, predictions.labels, classCount, subgroups) : {}),
  };
}

/**
 * One epoch of training steps over the rows in `order`; returns the epoch's
 * sample-weighted mean loss and accuracy. `anchors` (the received trainable
 * weights) turn on FedProx's proximal term. Exported so tests can count live
 * tensors after 1 step and after 100.
 */
export async function trainEpoch(
  model: tf.LayersModel,
  data: FeatureRows,
  order: ArrayLike<number>,
  inputShape: number[],
  classCount: number,
  job: TrainingJob,
  anchors?: tf.Tensor[],
  pool?: GradientPool,
): Promise<{ loss: number; accuracy: number }> {
  const mu = job.proximalMu ?? 0;
  const dp = job.dpSgd ? dpSgdSampling(job.batchSize, data.count) : null;
  const uniform = dp ? secureUniform() : null;
  const step = job.dpSgd
    ? dpSgdStep(model, job.loss, { ...job.dpSgd, expectedBatch: dp!.samplingRate * Math.max(1, data.count) }, () => gaussian(uniform!))
    : pool
      ? (x: tf.Tensor, y: tf.Tensor) => pool.step(model, x, y)
      : mu > 0 && anchors
        ? proximalStep(model, job.loss, mu, anchors)
        : async (x: tf.Tensor, y: tf.Tensor) => {
            const values = await model.trainOnBatch(x, y);
            return Array.isArray(values) ? values : [values, NaN];
          };
  const batches = dp ? poissonBatches(data.count, dp.samplingRate, dp.steps, uniform!) : batchesOf(order, job.batchSize);
  return overBatches(data, batches, inputShape, classCount, outputsOf(model), job.prefetchBatches ?? DEFAULT_PREFETCH_BATCHES, step, {
    classWeights: job.classWeights,
    augment: job.augment,
  });
}

/** A permutation of 0..n-1 from a seeded stream (Fisher-Yates), so a task's training order is reproducible. */
function permutation(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Trains the global model on local data and returns the weight delta
 * (local − global). Validation metrics are measured on the received model
 * before training ("val_*", the federated evaluation of that global model)
 * and after ("val_local_*").
 */
export async function trainLocally(job: TrainingJob, data: LocalData, onEpoch: (epoch: number) => void = () => undefined): Promise<TrainingResult> {
  if (data.train.count === 0) throw new ConsiliumError('FAILED_PRECONDITION', "no training samples at this site for the run's classes");
  const model = await compiled(job);
  try {
    const before = await evaluate(model, data.validation, data.inputShape, data.classCount, job);
    const random = seededRandom(job.seed);
    let last = { loss: NaN, accuracy: NaN };
    const anchors = (job.proximalMu ?? 0) > 0 ? model.trainableWeights.map((w) => w.read().clone()) : undefined;
    const pool = await gradientPoolFor(job);
    try {
      for (let epoch = 0; epoch < job.localEpochs; epoch++) {
        last = await trainEpoch(model, data.train, permutation(data.train.count, random), data.inputShape, data.classCount, job, anchors, pool ?? undefined);
        onEpoch(epoch + 1);
      }
    } finally {
      if (anchors) tf.dispose(anchors);
      await pool?.close();
    }
    const after = await evaluate(model, data.validation, data.inputShape, data.classCount, job);
    // In the order received: freezing a layer moves its weights to the end of tfjs's list. A frozen batch norm still
    // moves its statistics in training mode, so frozen tensors are put back as received, bit for bit.
    const frozen = new Set(job.frozenLayers ?? []);
    const byName = new Map(readWeights(model).map((t) => [t.name, t]));
    const trained = job.weights.map((received) => (frozen.has(layerOfWeight(received.name)) ? received : byName.get(received.name)!));
    const delta = trained.map((t, i) => {
      const base = job.weights[i]!.values;
      const values = new Float32Array(t.values.length);
      for (let j = 0; j < values.length; j++) values[j] = t.values[j]! - base[j]!;
      return { name: t.name, shape: t.shape, values };
    });
    const metrics: Record<string, number> = { train_loss: last.loss, train_accuracy: last.accuracy, val_samples: data.validation.count };
    Object.assign(
      metrics,
      evaluationMetrics(before, 'val_', data.classCount, data.validation.subgroups),
      evaluationMetrics(after, 'val_local_', data.classCount),
    );
    return {
      weights: trained,
      delta,
      sampleCount: data.train.count,
      metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))),
    };
  } finally {
    disposeModel(model);
  }
}

/**
 * A step below this many floating-point operations trains on one thread: measured here on 2 cores, the demo CNN's
 * 39 MFLOP step at batch 16 gained nothing from a second thread (the messages cost what the shard saves), its
 * batch-128 step (≈ 300 MFLOP) gained 1.3-1.4×, a 64×64 CNN's (≈ 3 GFLOP) 1.8-2.3×.
 */
export const MIN_PARALLEL_STEP_FLOPS = 200e6;

/** How many threads a job's steps train on, and why only one when it asked for more. */
export function trainingThreads(job: TrainingJob, backend: string): { threads: number; reason: string | null } {
  const asked = job.threads ?? 1;
  if (asked <= 1) return { threads: 1, reason: null };
  if (job.dpSgd) return { threads: 1, reason: "DP-SGD clips each example's gradient in turn, on one thread" };
  const reason = singleThreadReason(job, backend);
  if (reason) return { threads: 1, reason };
  const cost = stepCost(job.topology, modelSize(job.topology), job.batchSize, job.optimizer);
  if (!cost || cost.flops < MIN_PARALLEL_STEP_FLOPS) {
    return { threads: 1, reason: `a step of ${cost ? `${Math.round(cost.flops / 1e6)} MFLOP` : 'unknown size'} is too small to gain from more threads` };
  }
  return { threads: Math.min(asked, job.batchSize), reason: null };
}

async function gradientPoolFor(job: TrainingJob): Promise<GradientPool | null> {
  const backend = tf.getBackend();
  const { threads } = trainingThreads(job, backend);
  if (threads <= 1) return null;
  return GradientPool.open(threads, { topology: job.topology, loss: job.loss, backend: backend as 'wasm' | 'cpu', frozenLayers: job.frozenLayers ?? [] });
}

/** Federated evaluation: the model's loss and accuracy on the local validation split; nothing is trained. */
export async function evaluateLocally(job: TrainingJob, data: LocalData): Promise<{ sampleCount: number; metrics: Record<string, number> }> {
  const model = await compiled(job);
  try {
    const result = await evaluate(model, data.validation, data.inputShape, data.classCount, job);
    return { sampleCount: data.validation.count, metrics: evaluationMetrics(result, 'val_', data.classCount, data.validation.subgroups) };
  } finally {
    disposeModel(model);
  }
}

function disposeModel(model: tf.LayersModel): void {
  // compile() made an optimizer with slot variables; dispose() on the model leaves them alive.
  model.optimizer?.dispose();
  model.dispose();
}
