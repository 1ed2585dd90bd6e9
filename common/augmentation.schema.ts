import { z } from 'zod';

/**
 * Augmentation a site applies to its training batches (never to validation
 * data), drawn from a stream seeded by the task's seed and the site's id, so
 * a rerun of a round augments the same way. Each setting is a bound: a
 * sample's rotation is drawn from ±rotateDegrees, its shift from ±translate
 * of the image size, and so on.
 */
export const augmentationSchema = z.strictObject({
  /** Mirror left–right, with probability ½. */
  flipHorizontal: z.boolean().default(false),
  /** Mirror top–bottom, with probability ½. */
  flipVertical: z.boolean().default(false),
  /** Turn by 0, 90, 180 or 270°, each with probability ¼ (square inputs). */
  rotate90: z.boolean().default(false),
  /** Turn by an angle in ±rotateDegrees (bilinear, zeros outside). */
  rotateDegrees: z.number().min(0).max(45).default(0),
  /** Shift by up to this fraction of the height and width. */
  translate: z.number().min(0).max(0.5).default(0),
  /** Scale by a factor in 1 ± zoom. */
  zoom: z.number().min(0).max(0.5).default(0),
  /** Add a value in ±brightness to every pixel. */
  brightness: z.number().min(0).max(1).default(0),
  /** Stretch about the image's mean by a factor in 1 ± contrast. */
  contrast: z.number().min(0).max(1).default(0),
  /** Add Gaussian noise of this standard deviation. */
  noiseStd: z.number().min(0).max(1).default(0),
  /** CT: move the spec's intensity window by ±center (in HU) and scale its width by 1 ± width, as a reader adjusting it would. */
  windowJitter: z.strictObject({ center: z.number().min(0).max(1000), width: z.number().min(0).max(0.5) }).optional(),
});

export type Augmentation = z.infer<typeof augmentationSchema>;
