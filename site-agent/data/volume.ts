import { ConsiliumError } from '../../common/errors.js';
import { groupBy } from '../../common/group-by.js';
import type { DatasetSource, DecodedSamples, SampleRef, ScanResult } from './dataset.js';
import { normalizeIntensity, type Preprocessing } from './preprocess.js';
import { type Grid, resizeScale, sampleNearest, sampleTrilinear, spacingScale } from './volume-grid.js';

/** A volume as stored: [depth, height, width] row-major values in modality units (HU for CT), with its voxel size. */
export interface StoredVolume {
  values: Float32Array;
  shape: [number, number, number];
  /** Voxel size in mm, [z, y, x]. */
  spacing: [number, number, number];
  /** MONOCHROME1: low values are bright. */
  inverted?: boolean;
}

/** A label volume as stored: local mask values on the image's grid. */
export interface StoredLabels {
  values: Uint8Array;
  shape: [number, number, number];
  spacing: [number, number, number];
}

/** A source whose samples are volumes (NIfTI files, DICOM series). */
export interface VolumeSource extends DatasetSource {
  readVolume(sample: SampleRef): Promise<StoredVolume>;
  /** Segmentation: the sample's local label values on the volume's own grid. */
  readLabels?(sample: SampleRef): Promise<StoredLabels>;
}

export function isVolumeSource(source: DatasetSource): source is VolumeSource {
  return typeof (source as Partial<VolumeSource>).readVolume === 'function';
}

/** Intensities to [0, 1] as the preprocessing says, per voxel (a CT window is in HU), over the whole volume. */
export function normalizeVolume(volume: StoredVolume, preprocessing: Preprocessing): Float32Array {
  const [depth, height, width] = volume.shape;
  return normalizeIntensity(
    { values: volume.values, height: depth * height, width, channels: 1, kind: 'dicom', ...(volume.inverted ? { inverted: true } : {}) },
    preprocessing,
  );
}

/** The scale from a grid of `spacing` mm onto `to`: to the spec's spacing (cropped or padded about the centre), or stretched. */
function scaleOnto(from: Grid, spacing: readonly number[], to: Grid, target: readonly number[] | undefined): readonly number[] {
  return target ? spacingScale(spacing, target) : resizeScale(from, to);
}

/** Model input [depth, height, width] from a stored volume: intensities first, then the resampling. */
export function prepareVolume(volume: StoredVolume, spatial: readonly number[], preprocessing: Preprocessing): Float32Array {
  const to = spatial as unknown as Grid;
  return sampleTrilinear(normalizeVolume(volume, preprocessing), volume.shape, to, scaleOnto(volume.shape, volume.spacing, to, preprocessing.spacing));
}

/** A label volume on the same grid as its image would be prepared: nearest neighbour, so values stay labels. */
export function prepareLabels(labels: StoredLabels, spatial: readonly number[], preprocessing: Preprocessing): Uint8Array {
  const to = spatial as unknown as Grid;
  return sampleNearest(labels.values, labels.shape, to, scaleOnto(labels.shape, labels.spacing, to, preprocessing.spacing));
}

/** Model input for volume samples, [depth, height, width, 1] each, one after another. */
export async function decodeVolumes(
  source: VolumeSource,
  samples: readonly SampleRef[],
  inputShape: readonly number[],
  preprocessing: Preprocessing,
): Promise<DecodedSamples> {
  if (inputShape.length !== 4 || inputShape[3] !== 1) {
    const hint = inputShape.length === 3 ? '; for a 2-D model set preprocessing.sliceAxis in the run spec' : '';
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `${source.kind} volumes feed models whose input is [depth, height, width, 1], not [${inputShape.join(', ')}]${hint}`,
    );
  }
  const spatial = inputShape.slice(0, 3);
  const size = spatial.reduce((a, b) => a * b, 1);
  const features = new Float32Array(samples.length * size);
  for (const [i, sample] of samples.entries()) features.set(prepareVolume(await source.readVolume(sample), spatial, preprocessing), i * size);
  return { samples: [...samples], features, skipped: [] };
}

/** Label volumes at the model's [depth, height, width], resampled as their images are. */
export async function decodeLabelVolumes(
  source: VolumeSource,
  samples: readonly SampleRef[],
  spatial: readonly number[],
  preprocessing: Preprocessing,
): Promise<Uint8Array> {
  if (!source.readLabels) throw new ConsiliumError('FAILED_PRECONDITION', `this ${source.kind} source has no label volumes`);
  const size = spatial.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(samples.length * size);
  for (const [i, sample] of samples.entries()) out.set(prepareLabels(await source.readLabels(sample), spatial, preprocessing), i * size);
  return out;
}

const AXES = ['depth', 'height', 'width'] as const;
export type SliceAxis = (typeof AXES)[number];

/** Slice ids are the volume's id, "@", the axis and the index: `chest-01@depth:17`. */
function sliceOf(id: string): { volume: string; index: number } {
  const at = id.lastIndexOf('@');
  return { volume: id.slice(0, at), index: Number(id.slice(id.indexOf(':', at) + 1)) };
}

/** Every slice of every scanned volume along the axis, each in its volume's group so a split keeps them together. */
export function sliceSamples(samples: readonly SampleRef[], axis: SliceAxis): SampleRef[] {
  const a = AXES.indexOf(axis);
  return samples.flatMap((volume) => {
    const { depth = 1, height = 1, width = 1 } = volume.meta ?? {};
    const count = [depth, height, width][a]!;
    return Array.from({ length: count }, (_, i) => ({
      ...volume,
      id: `${volume.id}@${axis}:${i}`,
      group: volume.id,
      contentSha256: `${volume.contentSha256}@${axis}:${i}`,
    }));
  });
}

/** One plane of a [d, h, w] volume across `axis`, as a [1, rows, columns] grid with its pixel size. */
function planeOf<T extends Float32Array | Uint8Array>(
  values: T,
  shape: readonly [number, number, number],
  spacing: readonly number[],
  axis: SliceAxis,
  index: number,
): { values: T; grid: Grid; spacing: [number, number, number] } {
  const [d, h, w] = shape;
  const a = AXES.indexOf(axis);
  const [rows, columns] = a === 0 ? [h, w] : a === 1 ? [d, w] : [d, h];
  const out = new (values.constructor as new (n: number) => T)(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const [z, y, x] = a === 0 ? [index, r, c] : a === 1 ? [r, index, c] : [r, c, index];
      out[r * columns + c] = values[(z * h + y) * w + x]!;
    }
  }
  const planeSpacing = AXES.map((_, i) => spacing[i]!).filter((_, i) => i !== a);
  return { values: out, grid: [1, rows, columns], spacing: [1, planeSpacing[0]!, planeSpacing[1]!] };
}

/**
 * A volume source seen as 2-D slices along one axis, for a 2-D model
 * (`preprocessing.sliceAxis`). Each volume is read and normalised once per
 * batch (so min–max and windows are per volume, as in 3-D), then each slice
 * is resampled to the model's [height, width] (or to the spec's [row,
 * column] spacing, cropped or padded).
 */
export class VolumeSlices implements DatasetSource {
  readonly inMemory = false;
  readonly kind: string;
  readonly segmentation: boolean;

  constructor(
    private readonly volumes: VolumeSource,
    private readonly axis: SliceAxis,
  ) {
    this.kind = volumes.kind;
    this.segmentation = volumes.segmentation === true;
  }

  async scan(): Promise<ScanResult> {
    const scan = await this.volumes.scan();
    return { samples: sliceSamples(scan.samples, this.axis), skipped: scan.skipped };
  }

  /** Slices grouped by their volume, so each volume is read once per call. */
  private byVolume(samples: readonly SampleRef[]): Map<string, { sample: SampleRef; at: number; index: number }[]> {
    const slices = samples.map((sample, at) => {
      const { volume, index } = sliceOf(sample.id);
      return { sample: { ...sample, id: volume }, at, index };
    });
    return groupBy(slices, (slice) => slice.sample.id);
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing: Preprocessing): Promise<DecodedSamples> {
    const [height, width, channels] = inputShape as [number, number, number];
    if (inputShape.length !== 3 || (channels !== 1 && channels !== 3)) {
      throw new ConsiliumError('INVALID_ARGUMENT', `slices of volumes feed models whose input is [height, width, 1 or 3], not [${inputShape.join(', ')}]`);
    }
    const size = height * width * channels;
    const features = new Float32Array(samples.length * size);
    for (const slices of this.byVolume(samples).values()) {
      const volume = await this.volumes.readVolume(slices[0]!.sample);
      const normalized = normalizeVolume(volume, preprocessing);
      for (const { at, index } of slices) {
        const plane = planeOf(normalized, volume.shape, volume.spacing, this.axis, index);
        const to: Grid = [1, height, width];
        const grey = sampleTrilinear(
          plane.values,
          plane.grid,
          to,
          scaleOnto(plane.grid, plane.spacing, to, preprocessing.spacing && [1, ...preprocessing.spacing]),
        );
        for (let p = 0; p < height * width; p++) for (let c = 0; c < channels; c++) features[at * size + p * channels + c] = grey[p]!;
      }
    }
    return { samples: [...samples], features, skipped: [] };
  }

  /** Masks of slices at the model's size, resampled as their images are. */
  async decodeMasks(samples: readonly SampleRef[], spatial: readonly number[], preprocessing?: Preprocessing): Promise<Uint8Array> {
    const spacing = preprocessing?.spacing;
    if (!this.volumes.readLabels) throw new ConsiliumError('FAILED_PRECONDITION', `this ${this.kind} source has no label volumes`);
    const [height, width] = spatial as [number, number];
    const out = new Uint8Array(samples.length * height * width);
    for (const slices of this.byVolume(samples).values()) {
      const labels = await this.volumes.readLabels(slices[0]!.sample);
      for (const { at, index } of slices) {
        const plane = planeOf(labels.values, labels.shape, labels.spacing, this.axis, index);
        const to: Grid = [1, height, width];
        out.set(sampleNearest(plane.values, plane.grid, to, scaleOnto(plane.grid, plane.spacing, to, spacing && [1, ...spacing])), at * height * width);
      }
    }
    return out;
  }
}
