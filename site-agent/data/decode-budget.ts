/**
 * How much one sample may expand to when decoded. A 250 KB PNG can declare
 * 16000×16000 pixels and a 500 KB deflated DICOM can hold 512 MiB: both are
 * checked against the budget from their headers, or inflated with a ceiling,
 * so an over-budget file is skipped under its reason and never decoded in full.
 */
export interface DecodeBudget {
  /** Pixels × frames × channels of one file. */
  maxValues: number;
  /** Bytes one compressed file (deflate, gzip) may inflate to. */
  maxInflatedBytes: number;
}

/**
 * 150 M values takes a 512×512 CT series of 500 slices, a 5000×4000 RGB
 * slide, and refuses a 16000×16000 image; 256 MiB inflated takes any
 * ordinary deflated DICOM file or IDX set.
 */
export const DEFAULT_DECODE_BUDGET: DecodeBudget = { maxValues: 150_000_000, maxInflatedBytes: 256 * 2 ** 20 };

/** The skip reasons, one per limit, naming the setting that raises it. */
export const OVER_VALUES = 'over the decode budget (decodeBudget.maxValues)';
export const OVER_INFLATED = 'over the decode budget (decodeBudget.maxInflatedMegabytes)';

export class OverDecodeBudget extends Error {
  constructor(
    readonly reason: typeof OVER_VALUES | typeof OVER_INFLATED,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** Refuses a file whose header declares more values than the budget allows, before any pixel is decoded. */
export function requireValuesWithin(budget: DecodeBudget, dims: { width: number; height: number; frames: number; channels: number }): void {
  const values = dims.width * dims.height * dims.frames * dims.channels;
  if (values > budget.maxValues) {
    throw new OverDecodeBudget(
      OVER_VALUES,
      `${dims.width}×${dims.height} pixels × ${dims.frames} frames × ${dims.channels} channels = ${values.toLocaleString('en-US')} values, over ${budget.maxValues.toLocaleString('en-US')}`,
    );
  }
}

/** Node's zlib raises ERR_BUFFER_TOO_LARGE when maxOutputLength is reached; that becomes the budget's reason. */
export function inflatedWithin<T>(budget: DecodeBudget, inflate: () => T): T {
  try {
    return inflate();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new OverDecodeBudget(OVER_INFLATED, `inflates to more than ${budget.maxInflatedBytes.toLocaleString('en-US')} bytes`);
    }
    throw error;
  }
}
