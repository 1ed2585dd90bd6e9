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
});

export type Preprocessing = z.infer<typeof preprocessingSchema>;
export const DEFAULT_PREPROCESSING: Preprocessing = { normalization: 'auto' };
