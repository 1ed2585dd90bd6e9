import * as tf from '@tensorflow/tfjs';

type Tensor4D = tf.Tensor4D;

/**
 * Conv2DBackpropFilter for the wasm backend, which ships Conv2D but not this
 * gradient, so CNNs cannot train on it as shipped. The filter gradient is
 * itself a convolution, built here from kernels wasm has (XNNPACK-backed):
 *
 *   dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, oh·s + kh − pad, ow·s + kw − pad, ci] · dy[b, oh, ow, co]
 *
 * Transposing x to [ci, H, W, b] and dy to [oh, ow, b, co] makes that a valid
 * convolution of x with dy as the filter, dilated by the forward stride s;
 * its first kh × kw outputs, transposed back, are dW. Forward dilations > 1
 * never reach here: tfjs refuses gradients of dilated convolutions itself.
 */
export function conv2DBackpropFilter(x: Tensor4D, dy: Tensor4D, filterShape: [number, number, number, number], strides: number | [number, number], pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding, dimRoundingMode?: 'floor' | 'round' | 'ceil'): tf.Tensor4D {
  const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [kernelHeight, kernelWidth] = filterShape;
  const { top, bottom, left, right } = info.padInfo;
  return tf.tidy(() => {
    let input = tf.transpose(x, [3, 1, 2, 0]);
    if (top || bottom || left || right) input = tf.pad(input, [[0, 0], [top, bottom], [left, right], [0, 0]]);
    const filter = tf.transpose(dy, [1, 2, 0, 3]);
    const full = tf.conv2d(input as Tensor4D, filter as Tensor4D, 1, 'valid', 'NHWC', [info.strideHeight, info.strideWidth]);
    return tf.transpose(tf.slice(full, [0, 0, 0, 0], [-1, kernelHeight, kernelWidth, -1]), [1, 2, 0, 3]);
  });
}

let registered = false;

/** Registers the gradient kernels wasm lacks for the allowed layer classes; idempotent. */
export function registerWasmGradientKernels(): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: tf.Conv2DBackpropFilter,
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) => {
      const { x, dy } = inputs as { x: Tensor4D; dy: Tensor4D };
      const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
      if (dataFormat !== 'NHWC') throw new Error(`Conv2DBackpropFilter on wasm supports channels-last (NHWC) data only, not ${dataFormat}`);
      return conv2DBackpropFilter(x, dy, filterShape as [number, number, number, number], strides, pad, dimRoundingMode);
    },
  });
}
