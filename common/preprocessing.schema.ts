import { z } from 'zod';

/**
 * How a site turns stored pixels into model input, named by the run spec so
 * every site prepares images the same way; training and profiling both go
 * through `prepareImage`. The target size and channel count are the model's
 * input shape.
 */
export const preprocessingSchema = z.strictObject({
  /**
   * auto: 8-bit image files are divided by 255; DICOM uses `window` when given, else each image's own min–max.
   * minmax: every image is stretched to its own min–max.
   */
  normalization: z.enum(['auto', 'minmax']).default('auto'),
  /** DICOM window (centre/width, after Rescale Slope/Intercept), e.g. soft tissue { center: 40, width: 400 }. */
  window: z.strictObject({ center: z.number(), width: z.number().positive() }).optional(),
  /**
   * Tables only: each feature column becomes (x − mean) / std. federated: the pooled mean and
   * variance of the run's sites, from their k-guarded statistics, fixed before round 1 and recorded
   * in the model's metadata; site: each site's own; none: the values as stored.
   */
  standardize: z.enum(['none', 'site', 'federated']).default('none'),
  /**
   * Volumes (NIfTI, DICOM series): the voxel size in mm the model sees, [z, y, x] for a 3-D task or
   * [row, column] for 2-D slices. Each volume is resampled to it and cropped or padded about its centre
   * to the model's input size, so a millimetre means the same at every hospital. Absent: each volume is
   * stretched to the input size whatever its spacing.
   */
  spacing: z.array(z.number().positive().max(100)).min(2).max(3).optional(),
  /**
   * A 2-D task on volumes: every slice along this stored axis is a sample (depth: along the slice
   * normal of a DICOM series, so axial slices of an axial CT; NIfTI's third voxel axis). The validation
   * split keeps a volume's slices together.
   */
  sliceAxis: z.enum(['depth', 'height', 'width']).optional(),
});

/** Pooled per-feature statistics the coordinator fixed for a run (standardize: federated). */
export const featureScalingSchema = z.strictObject({
  mean: z.array(z.number()).max(100_000),
  std: z.array(z.number().positive()).max(100_000),
  /** The sites pooled, and the (coarsened) rows they reported. */
  sites: z.array(z.string()).max(10_000),
  samples: z.number().int().nonnegative(),
});

/** What a task carries: the run's preprocessing, with the pooled scaling once the coordinator has fixed it. */
export const taskPreprocessingSchema = preprocessingSchema.extend({ featureScaling: featureScalingSchema.optional() });

export type Preprocessing = z.infer<typeof taskPreprocessingSchema>;
export type FeatureScaling = z.infer<typeof featureScalingSchema>;
export const DEFAULT_PREPROCESSING: Preprocessing = { normalization: 'auto', standardize: 'none' };
