import type { Augmentation } from '../../common/augmentation.schema.js';
import { seededNormal, seededRandom } from '../../common/seeded-random.js';

/**
 * A training batch's features, row-major [count, height, width, channels], augmented into a new array. Segmentation
 * batches pass their masks ([count, height, width] class indices): each mask is moved with its image, in place.
 */
export type Augmenter = (features: Float32Array, count: number, masks?: Int32Array) => Float32Array;

/** The spec's intensity window, for windowJitter: jittering re-windows values already windowed by it. */
export interface Window {
  center: number;
  width: number;
}

/** A 32-bit FNV-1a hash, to mix the site's id into the task's seed: every site augments differently. */
export function siteSeed(seed: number, siteId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < siteId.length; i++) hash = Math.imul(hash ^ siteId.charCodeAt(i), 0x01000193);
  return (seed ^ hash) >>> 0;
}

/**
 * An augmenter for images of `shape` (height, width, channels): exact index
 * maps for flips and quarter turns, one bilinear resampling for rotation,
 * shift and zoom together, then intensity (window jitter, brightness,
 * contrast) and noise. One random stream per task, drawn in batch order.
 * Masks take the same flips, turns and affine map, by nearest neighbour so
 * they stay class indices; what moves in from outside the image is class 0.
 */
export function augmenter(spec: Augmentation, shape: readonly number[], seed: number, window: Window | null = null): Augmenter {
  const [height, width, channels] = shape as [number, number, number];
  const random = seededRandom(seed);
  const normal = seededNormal(random);
  const between = (bound: number): number => (random() * 2 - 1) * bound;
  const size = height * width * channels;
  const pixels = height * width;
  return (features, count, masks) => {
    const out = new Float32Array(features.length);
    for (let s = 0; s < count; s++) {
      let image: Float32Array = features.slice(s * size, (s + 1) * size);
      let mask: Int32Array | null = masks ? masks.slice(s * pixels, (s + 1) * pixels) : null;
      const flipH = spec.flipHorizontal && random() < 0.5;
      const flipV = spec.flipVertical && random() < 0.5;
      const turns = spec.rotate90 ? Math.floor(random() * 4) : 0;
      if (flipH || flipV || turns > 0) {
        image = remap(image, height, width, channels, flipH, flipV, turns);
        if (mask) mask = remap(mask, height, width, 1, flipH, flipV, turns);
      }
      if (spec.rotateDegrees > 0 || spec.translate > 0 || spec.zoom > 0) {
        const angle = (between(spec.rotateDegrees) * Math.PI) / 180;
        const scale = 1 + between(spec.zoom);
        const [dy, dx] = [between(spec.translate) * height, between(spec.translate) * width];
        image = affine(image, height, width, channels, angle, scale, dy, dx);
        if (mask) mask = affineNearest(mask, height, width, angle, scale, dy, dx);
      }
      if (masks && mask) masks.set(mask, s * pixels);
      if (spec.windowJitter && window) {
        const shift = between(spec.windowJitter.center);
        const stretch = 1 + between(spec.windowJitter.width);
        // v was (HU − (c − w/2)) / w; under the window (c + shift, w · stretch) it is (v − ½) / stretch + ½ − shift / (w · stretch).
        for (let i = 0; i < size; i++) image[i] = Math.min(1, Math.max(0, (image[i]! - 0.5) / stretch + 0.5 - shift / (window.width * stretch)));
      }
      if (spec.brightness > 0 || spec.contrast > 0) {
        const offset = between(spec.brightness);
        const factor = 1 + between(spec.contrast);
        let mean = 0;
        for (let i = 0; i < size; i++) mean += image[i]!;
        mean /= size;
        for (let i = 0; i < size; i++) image[i] = (image[i]! - mean) * factor + mean + offset;
      }
      if (spec.noiseStd > 0) for (let i = 0; i < size; i++) image[i] = image[i]! + normal() * spec.noiseStd;
      out.set(image, s * size);
    }
    return out;
  };
}

/** Flips and quarter turns (counter-clockwise), as exact index maps; a turn of a non-square image is refused at the spec. */
export function remap<T extends Float32Array | Int32Array>(
  image: T,
  height: number,
  width: number,
  channels: number,
  flipH: boolean,
  flipV: boolean,
  turns: number,
): T {
  const out = new (image.constructor as new (n: number) => T)(image.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let [sy, sx] = [flipV ? height - 1 - y : y, flipH ? width - 1 - x : x];
      // Output (y, x) of a counter-clockwise quarter turn reads input (x, n − 1 − y).
      for (let t = 0; t < turns; t++) [sy, sx] = [sx, height - 1 - sy];
      for (let c = 0; c < channels; c++) out[(y * width + x) * channels + c] = image[(sy * width + sx) * channels + c]!;
    }
  }
  return out;
}

/** The inverse of rotation by `angle` and scaling by `scale` about the centre, then a shift: where output (y, x) reads from. */
function inverseAffine(height: number, width: number, angle: number, scale: number, dy: number, dx: number): (y: number, x: number) => [number, number] {
  const [cy, cx] = [(height - 1) / 2, (width - 1) / 2];
  const [cos, sin] = [Math.cos(angle) / scale, Math.sin(angle) / scale];
  return (y, x) => {
    const [ry, rx] = [y - cy - dy, x - cx - dx];
    return [cos * ry - sin * rx + cy, sin * ry + cos * rx + cx];
  };
}

/** Rotation by `angle` and scaling by `scale` about the centre, then a shift; bilinear, zeros outside the image. */
function affine(image: Float32Array, height: number, width: number, channels: number, angle: number, scale: number, dy: number, dx: number): Float32Array {
  const out = new Float32Array(image.length);
  const source = inverseAffine(height, width, angle, scale, dy, dx);
  const at = (y: number, x: number, c: number): number => (y < 0 || y >= height || x < 0 || x >= width ? 0 : image[(y * width + x) * channels + c]!);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sy, sx] = source(y, x);
      const [y0, x0] = [Math.floor(sy), Math.floor(sx)];
      const [fy, fx] = [sy - y0, sx - x0];
      for (let c = 0; c < channels; c++) {
        const top = at(y0, x0, c) * (1 - fx) + at(y0, x0 + 1, c) * fx;
        const bottom = at(y0 + 1, x0, c) * (1 - fx) + at(y0 + 1, x0 + 1, c) * fx;
        out[(y * width + x) * channels + c] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/** The same map for a mask: the nearest source pixel, so values stay class indices; class 0 outside the image. */
function affineNearest(mask: Int32Array, height: number, width: number, angle: number, scale: number, dy: number, dx: number): Int32Array {
  const out = new Int32Array(mask.length);
  const source = inverseAffine(height, width, angle, scale, dy, dx);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sy, sx] = source(y, x).map(Math.round) as [number, number];
      if (sy >= 0 && sy < height && sx >= 0 && sx < width) out[y * width + x] = mask[sy * width + sx]!;
    }
  }
  return out;
}
