import type * as tf from '@tensorflow/tfjs';

/*
 * Gradients written as plain loops over typed arrays, for the kernels
 * TensorFlow.js 4.22 lacks or gets wrong on wasm (and, for nearest
 * upsampling, on cpu). Each takes the geometry tfjs computes for the
 * forward op (Conv2DInfo, Conv3DInfo) and returns the gradient's values;
 * wasm-gradient-kernels.ts registers them. Channels-last throughout.
 */

/**
 * ResizeNearestNeighborGrad (the gradient of UpSampling2D's nearest
 * interpolation), for wasm and for cpu. The shipped cpu kernel of tfjs 4.22
 * reads dy at the images' batch stride, so every batch element after the
 * first gets another element's gradient; the wasm kernel, checked against
 * it, looked wrong instead. Here each output pixel's gradient goes back to
 * the input pixel the forward resize copied it from.
 */
export function resizeNearestNeighborGrad(dy: Float32Array, dyShape: readonly number[], imageShape: readonly number[], alignCorners: boolean): Float32Array {
  const [batch, inHeight, inWidth, depth] = imageShape as [number, number, number, number];
  const [, outHeight, outWidth] = dyShape as [number, number, number, number];
  const scale = (inSize: number, outSize: number): number => (alignCorners && outSize > 1 ? (inSize - 1) / (outSize - 1) : inSize / outSize);
  const source = (index: number, ratio: number, inSize: number): number =>
    Math.min(inSize - 1, alignCorners ? Math.round(index * ratio) : Math.floor(index * ratio));
  const rowScale = scale(inHeight, outHeight);
  const colScale = scale(inWidth, outWidth);
  const dx = new Float32Array(batch * inHeight * inWidth * depth);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < outHeight; y++) {
      const r = source(y, rowScale, inHeight);
      for (let x = 0; x < outWidth; x++) {
        const c = source(x, colScale, inWidth);
        const from = ((b * outHeight + y) * outWidth + x) * depth;
        const to = ((b * inHeight + r) * inWidth + c) * depth;
        for (let d = 0; d < depth; d++) dx[to + d] = dx[to + d]! + dy[from + d]!;
      }
    }
  }
  return dx;
}

/**
 * Every (output position, filter tap) pair of a 3-D convolution whose tap
 * reads inside the input, as offsets: of the output's channels in dy, of the
 * input's channels in x, and of the tap's [in × out] block in the filter.
 * Both 3-D gradients are a sum over exactly these pairs.
 */
function forEachTap3D(info: tf.backend_util.Conv3DInfo, visit: (dyBase: number, xBase: number, tapBase: number) => void): void {
  const { batchSize, inDepth, inHeight, inWidth, inChannels, outDepth, outHeight, outWidth, outChannels } = info;
  const { strideDepth, strideHeight, strideWidth, filterDepth, filterHeight, filterWidth } = info;
  const { front, top, left } = info.padInfo;
  for (let b = 0; b < batchSize; b++) {
    for (let od = 0; od < outDepth; od++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++) {
          const dyBase = (((b * outDepth + od) * outHeight + oh) * outWidth + ow) * outChannels;
          for (let fd = 0; fd < filterDepth; fd++) {
            const d = od * strideDepth - front + fd;
            if (d < 0 || d >= inDepth) continue;
            for (let fh = 0; fh < filterHeight; fh++) {
              const h = oh * strideHeight - top + fh;
              if (h < 0 || h >= inHeight) continue;
              for (let fw = 0; fw < filterWidth; fw++) {
                const w = ow * strideWidth - left + fw;
                if (w < 0 || w >= inWidth) continue;
                visit(
                  dyBase,
                  (((b * inDepth + d) * inHeight + h) * inWidth + w) * inChannels,
                  ((fd * filterHeight + fh) * filterWidth + fw) * inChannels * outChannels,
                );
              }
            }
          }
        }
      }
    }
  }
}

/**
 * Conv3DBackpropInputV2 for the wasm backend, replacing the shipped kernel,
 * whose result is wrong for strided convolutions in tfjs-backend-wasm 4.22,
 * so a stack of 3-D convolutions trained differently than on cpu; used
 * where the SIMD kernel (kernels/gradient-kernels.c) cannot bind. Each
 * output position sends its gradient back through every filter tap to the
 * input position that tap read.
 */
export function conv3DBackpropInput(dy: Float32Array, filter: Float32Array, info: tf.backend_util.Conv3DInfo): Float32Array {
  const { batchSize, inDepth, inHeight, inWidth, inChannels, outChannels } = info;
  const dx = new Float32Array(batchSize * inDepth * inHeight * inWidth * inChannels);
  forEachTap3D(info, (dyBase, xBase, tapBase) => {
    for (let ci = 0; ci < inChannels; ci++) {
      let sum = 0;
      const row = tapBase + ci * outChannels;
      for (let co = 0; co < outChannels; co++) sum += dy[dyBase + co]! * filter[row + co]!;
      dx[xBase + ci] = dx[xBase + ci]! + sum;
    }
  });
  return dx;
}

/**
 * Conv3DBackpropFilterV2 for the wasm backend, replacing the shipped kernel,
 * whose result is wrong for strided 3-D convolutions in tfjs-backend-wasm
 * 4.22; used where the SIMD kernel cannot bind. Each filter tap collects
 * input × output gradient over every output position that read through it.
 */
export function conv3DBackpropFilter(x: Float32Array, dy: Float32Array, info: tf.backend_util.Conv3DInfo): Float32Array {
  const { inChannels, outChannels, filterDepth, filterHeight, filterWidth } = info;
  const dw = new Float32Array(filterDepth * filterHeight * filterWidth * inChannels * outChannels);
  forEachTap3D(info, (dyBase, xBase, tapBase) => {
    for (let ci = 0; ci < inChannels; ci++) {
      const value = x[xBase + ci]!;
      const row = tapBase + ci * outChannels;
      for (let co = 0; co < outChannels; co++) dw[row + co] = dw[row + co]! + value * dy[dyBase + co]!;
    }
  });
  return dw;
}

/**
 * The two gradients of a depthwise convolution (DepthwiseConv2D, and the
 * first half of SeparableConv2D), which tfjs-backend-wasm 4.22 does not
 * ship. Output channel ci·m + q is input channel ci through its q-th filter.
 */
export function depthwiseConv2DBackprop(
  which: 'filter' | 'input',
  x: Float32Array | null,
  filter: Float32Array | null,
  dy: Float32Array,
  info: tf.backend_util.Conv2DInfo,
): Float32Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const multiplier = outChannels / inChannels;
  const { top, left } = info.padInfo;
  const out = new Float32Array(which === 'filter' ? filterHeight * filterWidth * outChannels : batchSize * inHeight * inWidth * inChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyBase = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let fh = 0; fh < filterHeight; fh++) {
          const h = oh * strideHeight - top + fh;
          if (h < 0 || h >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const w = ow * strideWidth - left + fw;
            if (w < 0 || w >= inWidth) continue;
            const xBase = ((b * inHeight + h) * inWidth + w) * inChannels;
            const filterBase = (fh * filterWidth + fw) * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              for (let q = 0; q < multiplier; q++) {
                const o = ci * multiplier + q;
                if (which === 'filter') out[filterBase + o] = out[filterBase + o]! + x![xBase + ci]! * dy[dyBase + o]!;
                else out[xBase + ci] = out[xBase + ci]! + filter![filterBase + o]! * dy[dyBase + o]!;
              }
            }
          }
        }
      }
    }
  }
  return out;
}
