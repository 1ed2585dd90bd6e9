import { parentPort, workerData } from 'node:worker_threads';

import * as tf from '@tensorflow/tfjs';

import { describeError } from '../../../common/errors.js';
import { buildModel, writeWeights } from '../../../common/model-weights.js';
import { selectBackend } from '../backend.js';
import type { GradientThreadInit, ShardReply, ShardRequest } from './gradient-messages.js';
import { shardGradients } from './shard-gradients.js';

/**
 * A gradient thread of data-parallel training: it holds a copy of the
 * model, takes the current weights and one shard of a batch, and answers with
 * the gradient of the shard's mean loss; the training thread computes the
 * first shard itself, averages the shards' gradients and takes the optimiser
 * step (gradient-pool.ts).
 */
const init = workerData as GradientThreadInit;
tf.env().set('PROD', true);
const ready = (async () => {
  await selectBackend(init.backend);
  const model = await buildModel(init.topology);
  for (const name of init.frozenLayers) model.getLayer(name).trainable = false;
  return model;
})();

parentPort!.on('message', (request: ShardRequest) => {
  void ready
    .then((model) => shard(model, request))
    .catch((error: unknown): ShardReply => ({ ok: false, error: describeError(error) }))
    .then((reply) => parentPort!.postMessage(reply, reply.ok ? reply.gradients.map((g) => g.buffer as ArrayBuffer) : []));
});

function shard(model: tf.LayersModel, request: ShardRequest): ShardReply {
  writeWeights(model, request.weights);
  const x = tf.tensor(request.x, request.xShape, 'float32');
  const y = tf.tensor(request.y, request.yShape, 'float32');
  try {
    return { ok: true, ...shardGradients(model, x, y, init.loss) };
  } finally {
    tf.dispose([x, y]);
  }
}
