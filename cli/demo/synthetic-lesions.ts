import { mkdir } from 'node:fs/promises';
import path from 'node:path';

import sharp from 'sharp';

import { seededNormal, seededRandom } from '../../common/seeded-random.js';

/** How one hospital's scanner distorts an image, and how its cases are balanced. */
export interface ScannerSignature {
  gain: number;
  offset: number;
  noise: number;
  /** Box-blur passes (each a 3×3 mean). */
  blur: number;
  /** Fraction of malignant cases. */
  malignantFraction: number;
}

export const DEMO_CLASSES = ['benign', 'malignant'];
export const IMAGE_SIZE = 32;

/**
 * A grey 32×32 "lesion" on textured tissue. Benign lesions are round with
 * soft edges; malignant ones are irregular and spiculated, with a sharper
 * edge: the cue a small CNN must learn, through each site's scanner.
 */
function lesion(malignant: boolean, random: () => number, normal: () => number): { image: Float32Array; mask: Uint8Array } {
  const n = IMAGE_SIZE;
  const image = new Float32Array(n * n);
  // The lesion's outline: the pixels more inside it than out, its segmentation mask.
  const mask = new Uint8Array(n * n);
  const cx = n / 2 + (random() - 0.5) * 8;
  const cy = n / 2 + (random() - 0.5) * 8;
  const radius = 5 + random() * 3;
  const spikes = 5 + Math.floor(random() * 4);
  const phase = random() * Math.PI * 2;
  const contrast = 0.35 + random() * 0.2;
  const waves = [random() * 6, random() * 6, 0.3 + random() * 0.4];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const tissue = 0.3 + 0.08 * Math.sin(x / (2 + waves[0]!) + waves[1]!) * Math.cos(y / (2 + waves[2]! * 4)) + 0.03 * normal();
      const dx = x - cx;
      const dy = y - cy;
      const r = Math.hypot(dx, dy);
      const theta = Math.atan2(dy, dx);
      const edge = malignant ? radius * (1 + 0.45 * Math.sin(spikes * theta + phase) * (0.7 + 0.3 * Math.sin(3 * theta))) : radius;
      const softness = malignant ? 0.6 : 2.0;
      const inside = 1 / (1 + Math.exp((r - edge) / softness));
      image[y * n + x] = tissue + contrast * inside;
      mask[y * n + x] = inside > 0.5 ? 1 : 0;
    }
  }
  return { image, mask };
}

function scan(image: Float32Array, signature: ScannerSignature, normal: () => number): Buffer {
  const n = IMAGE_SIZE;
  let current = image;
  for (let pass = 0; pass < signature.blur; pass++) {
    const next = new Float32Array(n * n);
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        let sum = 0;
        let count = 0;
        for (let j = -1; j <= 1; j++) {
          for (let i = -1; i <= 1; i++) {
            const yy = y + j;
            const xx = x + i;
            if (yy >= 0 && yy < n && xx >= 0 && xx < n) {
              sum += current[yy * n + xx]!;
              count++;
            }
          }
        }
        next[y * n + x] = sum / count;
      }
    }
    current = next;
  }
  const pixels = Buffer.alloc(n * n);
  for (let i = 0; i < n * n; i++) {
    const value = signature.gain * current[i]! + signature.offset + signature.noise * normal();
    pixels[i] = Math.round(Math.min(1, Math.max(0, value)) * 255);
  }
  return pixels;
}

/** Writes `count` PNGs into root/benign and root/malignant; the same seed writes the same files. */
export async function writeSiteImages(root: string, count: number, signature: ScannerSignature, seed: number): Promise<{ benign: number; malignant: number }> {
  const random = seededRandom(seed);
  const normal = seededNormal(seededRandom(seed ^ 0x5bd1e995));
  const counts = { benign: 0, malignant: 0 };
  for (const label of DEMO_CLASSES) await mkdir(path.join(root, label), { recursive: true });
  for (let i = 0; i < count; i++) {
    const malignant = random() < signature.malignantFraction;
    const label = malignant ? 'malignant' : 'benign';
    const pixels = scan(lesion(malignant, random, normal).image, signature, normal);
    await sharp(pixels, { raw: { width: IMAGE_SIZE, height: IMAGE_SIZE, channels: 1 } })
      .png()
      .toFile(path.join(root, label, `case-${String(i).padStart(4, '0')}.png`));
    counts[label] += 1;
  }
  return counts;
}

/** The segmentation classes of the demo: each pixel is background or lesion. */
export const DEMO_SEGMENTATION_CLASSES = ['background', 'lesion'];

/**
 * `count` scans of one hospital with their lesion masks, in memory: 8-bit
 * pixels as the image pipeline reads them (÷ 255) and one class index per
 * pixel. The same seed gives the same cases as writeSiteImages.
 */
export function segmentationCases(
  count: number,
  signature: ScannerSignature,
  seed: number,
): { features: Float32Array; masks: Int32Array; malignant: Int32Array } {
  const random = seededRandom(seed);
  const normal = seededNormal(seededRandom(seed ^ 0x5bd1e995));
  const size = IMAGE_SIZE * IMAGE_SIZE;
  const features = new Float32Array(count * size);
  const masks = new Int32Array(count * size);
  const malignant = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    malignant[i] = random() < signature.malignantFraction ? 1 : 0;
    const { image, mask } = lesion(malignant[i] === 1, random, normal);
    const pixels = scan(image, signature, normal);
    for (let p = 0; p < size; p++) features[i * size + p] = pixels[p]! / 255;
    masks.set(mask, i * size);
  }
  return { features, masks, malignant };
}

/**
 * A hospital's segmentation data as a site holds it: `images/case-NNNN.png`
 * and `masks/case-NNNN.png`, the mask's lesion pixels set to `lesionValue`
 * (its local label value) and the rest 0.
 */
export async function writeSegmentationSite(root: string, count: number, signature: ScannerSignature, seed: number, lesionValue = 1): Promise<void> {
  const { features, masks } = segmentationCases(count, signature, seed);
  const size = IMAGE_SIZE * IMAGE_SIZE;
  await mkdir(path.join(root, 'images'), { recursive: true });
  await mkdir(path.join(root, 'masks'), { recursive: true });
  const raw = { width: IMAGE_SIZE, height: IMAGE_SIZE, channels: 1 } as const;
  for (let i = 0; i < count; i++) {
    const name = `case-${String(i).padStart(4, '0')}.png`;
    const image = Buffer.from(features.subarray(i * size, (i + 1) * size).map((v) => Math.round(v * 255)));
    const mask = Buffer.from(masks.subarray(i * size, (i + 1) * size).map((v) => v * lesionValue));
    await sharp(image, { raw })
      .png()
      .toFile(path.join(root, 'images', name));
    await sharp(mask, { raw })
      .png()
      .toFile(path.join(root, 'masks', name));
  }
}

/** Three hospitals with visibly different scanners and case mixes. */
export const DEMO_SITES: { id: string; signature: ScannerSignature }[] = [
  { id: 'hospital-a', signature: { gain: 1.0, offset: 0.0, noise: 0.03, blur: 0, malignantFraction: 0.3 } },
  { id: 'hospital-b', signature: { gain: 1.3, offset: -0.1, noise: 0.06, blur: 1, malignantFraction: 0.5 } },
  { id: 'hospital-c', signature: { gain: 0.8, offset: 0.12, noise: 0.04, blur: 2, malignantFraction: 0.7 } },
];
