import * as tf from '@tensorflow/tfjs';

/**
 * dy of a Sum or Mean over `axis` of x, spread back over the reduced axes:
 * what tfjs 4.22's own gradients compute as dy times a tensor of ones of x's
 * shape. tfjs fills that tensor in a JavaScript loop over a typed array of
 * any dtype, which V8 cannot specialise: for batch normalization's
 * [32, 64, 64, 16] reductions the fill cost about 100 ms of a 240 ms
 * training step on wasm. Broadcasting gives the same values bit for bit
 * (a product with 1 is exact), as float32 as tfjs's product is.
 */
function spreadBack(dy: tf.Tensor, x: tf.Tensor, axis: number | number[]): tf.Tensor {
  const axes = tf.util.parseAxisParam(axis, x.shape);
  const expanded = x.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  return tf.cast(tf.broadcastTo(tf.reshape(dy, expanded), x.shape), 'float32');
}

let registered = false;

/** Replaces the Sum and Mean gradients (every backend; the values are tfjs's own); idempotent. */
export function registerReductionGradients(): void {
  if (registered) return;
  registered = true;
  tf.registerGradient({
    kernelName: tf.Sum,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const { axis } = attrs as unknown as tf.SumAttrs;
      return { x: () => spreadBack(dy as tf.Tensor, saved[0]!, axis) };
    },
  });
  tf.registerGradient({
    kernelName: tf.Mean,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const { axis } = attrs as unknown as tf.MeanAttrs;
      const x = saved[0]!;
      const reduced = tf.util.parseAxisParam(axis, x.shape).reduce((n, a) => n * x.shape[a]!, 1);
      return { x: () => tf.div(spreadBack(dy as tf.Tensor, x, axis), reduced) };
    },
  });
}
