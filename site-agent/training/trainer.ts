import * as tf from '@tensorflow/tfjs';
import { ConsiliumError } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import { buildModel, readWeights, writeWeights } from '../../common/model-weights.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { NamedTensor } from '../../common/tensor-codec.js';

/** Decoded local samples: features row-major and each sample's class index in the run's class list. */
export interface LabeledArrays {
  features: Float32Array;
  labels: Int32Array;
  count: number;
}

export interface LocalData {
  inputShape: number[];
  classCount: number;
  train: LabeledArrays;
  validation: LabeledArrays;
}

export interface TrainingJob {
  topology: ModelTopology;
  weights: NamedTensor[];
  localEpochs: number;
  batchSize: number;
  optimizer: string;
  learningRate: number;
  loss: string;
  seed: number;
}

export interface TrainingResult {
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

/** Targets in the form the loss expects: one column of 0/1 for a single-output binary model, else one-hot rows. */
function targets(labels: Int32Array, classCount: number, outputs: number): tf.Tensor2D {
  return tf.tidy(() => {
    const indices = tf.tensor1d(labels, 'int32');
    if (outputs === 1) return tf.reshape(tf.cast(indices, 'float32'), [labels.length, 1]) as tf.Tensor2D;
    return tf.cast(tf.oneHot(indices, classCount), 'float32') as tf.Tensor2D;
  });
}

async function compiled(job: TrainingJob): Promise<tf.LayersModel> {
  const model = await buildModel(job.topology);
  writeWeights(model, job.weights);
  model.compile({ optimizer: optimizerFor(job.optimizer, job.learningRate), loss: job.loss, metrics: ['accuracy'] });
  return model;
}

async function evaluate(model: tf.LayersModel, data: LabeledArrays, inputShape: number[], classCount: number, batchSize: number): Promise<{ loss: number; accuracy: number } | null> {
  if (data.count === 0) return null;
  const x = tf.tensor(data.features, [data.count, ...inputShape], 'float32');
  const y = targets(data.labels, classCount, model.outputs[0]!.shape.at(-1)!);
  const result = model.evaluate(x, y, { batchSize }) as tf.Scalar[];
  const [loss, accuracy] = await Promise.all(result.map((s) => s.data()));
  tf.dispose([x, y, ...result]);
  return { loss: loss![0]!, accuracy: accuracy![0]! };
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
  if (data.train.count === 0) throw new ConsiliumError('FAILED_PRECONDITION', 'no training samples at this site for the run\'s classes');
  const model = await compiled(job);
  try {
    const before = await evaluate(model, data.validation, data.inputShape, data.classCount, job.batchSize);
    const x = tf.tensor(data.train.features, [data.train.count, ...data.inputShape], 'float32');
    const y = targets(data.train.labels, data.classCount, model.outputs[0]!.shape.at(-1)!);
    const random = seededRandom(job.seed);
    let last: Record<string, number> = {};
    try {
      for (let epoch = 0; epoch < job.localEpochs; epoch++) {
        const order = tf.tensor1d(permutation(data.train.count, random), 'int32');
        const xs = tf.gather(x, order);
        const ys = tf.gather(y, order);
        const history = await model.fit(xs, ys, { epochs: 1, batchSize: job.batchSize, shuffle: false, verbose: 0 });
        tf.dispose([order, xs, ys]);
        last = Object.fromEntries(Object.entries(history.history).map(([k, v]) => [k, Number(v.at(-1))]));
        onEpoch(epoch + 1);
      }
    } finally {
      tf.dispose([x, y]);
    }
    const after = await evaluate(model, data.validation, data.inputShape, data.classCount, job.batchSize);
    const trained = readWeights(model);
    const delta = trained.map((t, i) => {
      const base = job.weights[i]!.values;
      const values = new Float32Array(t.values.length);
      for (let j = 0; j < values.length; j++) values[j] = t.values[j]! - base[j]!;
      return { name: t.name, shape: t.shape, values };
    });
    const metrics: Record<string, number> = { train_loss: last['loss'] ?? NaN, train_accuracy: last['acc'] ?? last['accuracy'] ?? NaN, val_samples: data.validation.count };
    if (before) Object.assign(metrics, { val_loss: before.loss, val_accuracy: before.accuracy });
    if (after) Object.assign(metrics, { val_local_loss: after.loss, val_local_accuracy: after.accuracy });
    return { delta, sampleCount: data.train.count, metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))) };
  } finally {
    disposeModel(model);
  }
}

/** Federated evaluation: the model's loss and accuracy on the local validation split; nothing is trained. */
export async function evaluateLocally(job: TrainingJob, data: LocalData): Promise<{ sampleCount: number; metrics: Record<string, number> }> {
  const model = await compiled(job);
  try {
    const result = await evaluate(model, data.validation, data.inputShape, data.classCount, job.batchSize);
    return { sampleCount: data.validation.count, metrics: result ? { val_loss: result.loss, val_accuracy: result.accuracy } : {} };
  } finally {
    disposeModel(model);
  }
}

function disposeModel(model: tf.LayersModel): void {
  // compile() made an optimizer with slot variables; dispose() on the model leaves them alive.
  model.optimizer?.dispose();
  model.dispose();
}
