import { DEFAULT_PREPROCESSING, type Preprocessing } from '../../common/preprocessing.schema.js';

export { DEFAULT_PREPROCESSING, type Preprocessing };

export interface StoredImage {
  values: Float32Array;
  height: number;
  width: number;
  /** Samples per pixel, interleaved: 1 (grey) or 3 (RGB). */
  channels: number;
  /** 8-bit files scale by 255 under "auto"; DICOM values are modality units (HU, counts). */
  kind: 'byte' | 'dicom';
  /** MONOCHROME1: low values are bright. */
  inverted?: boolean;
}

/** Every Hounsfield unit a 12-bit CT stores: air at −1024 to dense bone and metal. */
const FULL_HU_RANGE = { center: 1023.5, width: 4096 };

/**
 * How the data profile prepares a DICOM sample's intensities. CT values are
 * Hounsfield units, an absolute scale, so without a window the profile maps
 * the whole HU range [−1024, 3071] to [0, 1] and a miscalibrated scanner
 * shows; other modalities have no absolute scale and are prepared as the
 * preprocessing says (stretched per image or volume).
 */
export function profilePreprocessing(modality: string | null | undefined, preprocessing: Preprocessing): Preprocessing {
  return modality === 'CT' && !preprocessing.window ? { ...preprocessing, window: FULL_HU_RANGE } : preprocessing;
}

/** Maps an image's values to [0, 1] as the preprocessing says. */
export function normalizeIntensity(image: StoredImage, preprocessing: Preprocessing): Float32Array {
  const { values } = image;
  const out = new Float32Array(values.length);
  if (preprocessing.normalization === 'auto' && image.kind === 'byte') {
    for (let i = 0; i < values.length; i++) out[i] = values[i]! / 255;
  } else if (preprocessing.normalization === 'auto' && preprocessing.window) {
    const { center, width } = preprocessing.window;
    const low = center - width / 2;
    for (let i = 0; i < values.length; i++) out[i] = Math.min(1, Math.max(0, (values[i]! - low) / width));
  } else {
    let min = Infinity;
    let max = -Infinity;
    for (const v of values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const range = max - min || 1;
    for (let i = 0; i < values.length; i++) out[i] = (values[i]! - min) / range;
  }
  if (image.inverted) for (let i = 0; i < out.length; i++) out[i] = 1 - out[i]!;
  return out;
}

/** Grey from RGB by ITU-R BT.601 luma, or RGB from grey by repetition. */
function toChannels(values: Float32Array, pixels: number, from: number, to: number): Float32Array {
  if (from === to) return values;
  const out = new Float32Array(pixels * to);
  for (let p = 0; p < pixels; p++) {
    if (to === 1) out[p] = 0.299 * values[p * from]! + 0.587 * values[p * from + 1]! + 0.114 * values[p * from + 2]!;
    else for (let c = 0; c < to; c++) out[p * to + c] = values[p * from]!;
  }
  return out;
}

/** Bilinear resize with pixel centres aligned (as sharp and tf.image do without align-corners). */
export function resizeBilinear(values: Float32Array, height: number, width: number, channels: number, toHeight: number, toWidth: number): Float32Array {
  if (height === toHeight && width === toWidth) return values;
  const out = new Float32Array(toHeight * toWidth * channels);
  const sy = height / toHeight;
  const sx = width / toWidth;
  for (let y = 0; y < toHeight; y++) {
    const fy = Math.min(height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(height - 1, y0 + 1);
    const wy = fy - y0;
    for (let x = 0; x < toWidth; x++) {
      const fx = Math.min(width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(width - 1, x0 + 1);
      const wx = fx - x0;
      for (let c = 0; c < channels; c++) {
        const at = (row: number, col: number) => values[(row * width + col) * channels + c]!;
        const top = at(y0, x0) * (1 - wx) + at(y0, x1) * wx;
        const bottom = at(y1, x0) * (1 - wx) + at(y1, x1) * wx;
        out[(y * toWidth + x) * channels + c] = top * (1 - wy) + bottom * wy;
      }
    }
  }
  return out;
}

/** Stored image → model input [height, width, channels] in [0, 1]: intensity, then channels, then size. */
export function prepareImage(image: StoredImage, inputShape: readonly number[], preprocessing: Preprocessing): Float32Array {
  const [height, width, channels] = inputShape as [number, number, number];
  const pixels = image.height * image.width;
  const scaled = toChannels(normalizeIntensity(image, preprocessing), pixels, image.channels, channels);
  return resizeBilinear(scaled, image.height, image.width, channels, height, width);
}
