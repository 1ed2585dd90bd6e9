import { parentPort } from 'node:worker_threads';

import * as tf from '@tensorflow/tfjs';

import { describeError, isConsiliumError } from '../../common/errors.js';
import { buildModel, initialWeights, weightSpecsOf } from '../../common/model-weights.js';
import { encodeTensors } from '../../common/tensor-codec.js';
import type { BuildReply, BuildRequest } from './model-builder.js';

/**
 * The coordinator's model-building thread: TensorFlow.js builds a model and
 * initialises every weight synchronously, which for a large model holds a
 * thread for seconds. Here that thread is not the one serving REST and gRPC.
 */
// The builder only builds models and reads their weight shapes: the cpu backend is right, and its advice to install tfjs-node
// (printed on first use) would only clutter the coordinator's log.
tf.env().set('PROD', true);

parentPort!.on('message', (request: BuildRequest) => {
  void answer(request).then(({ reply, transfer }) => parentPort!.postMessage(reply, transfer));
});

async function answer({ id, topology, seed }: BuildRequest): Promise<{ reply: BuildReply; transfer: ArrayBuffer[] }> {
  try {
    const model = await buildModel(topology);
    const layout = weightSpecsOf(model);
    const outputs = model.outputs[0]!.shape.at(-1) ?? null;
    model.dispose();
    if (seed === undefined) return { reply: { id, ok: true, layout, outputs, initial: null }, transfer: [] };
    const encoded = encodeTensors(initialWeights(layout, seed), 'float32');
    // A buffer of its own can move to the main thread without a copy; a pooled slice is copied.
    const initial = encoded.byteOffset === 0 && encoded.byteLength === encoded.buffer.byteLength ? encoded : Uint8Array.from(encoded);
    return { reply: { id, ok: true, layout, outputs, initial }, transfer: [initial.buffer as ArrayBuffer] };
  } catch (error) {
    const reply: BuildReply = isConsiliumError(error)
      ? { id, ok: false, code: error.code, message: error.message, issues: error.issues }
      : { id, ok: false, code: 'INTERNAL', message: `building the model failed: ${describeError(error)}`, issues: [] };
    return { reply, transfer: [] };
  }
}
