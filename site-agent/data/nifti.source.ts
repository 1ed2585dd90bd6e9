import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { DecodedSamples, SampleRef, ScanResult, SkippedFile } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET, OverDecodeBudget } from './decode-budget.js';
import { mapLimited } from './map-limited.js';
import { NiftiUnreadable, readNiftiVolume } from './nifti/nifti-volume.js';
import { DEFAULT_PREPROCESSING, type Preprocessing } from './preprocess.js';
import { decodeLabelVolumes, decodeVolumes, normalizeVolume, type StoredLabels, type StoredVolume, type VolumeSource } from './volume.js';

const NIFTI = /\.nii(\.gz)?$/i;
const SCAN_CONCURRENCY = 4;

/**
 * NIfTI volumes (`.nii`, `.nii.gz`), each one 3-D sample: `images/<file>`
 * and, for segmentation, its label volume at `labels/<file>`. A scan pairs
 * them and skips, by reason, an image without labels, labels of another
 * size, and a label value the site does not map. Volumes are resampled to
 * the model's [depth, height, width] (trilinear for images, nearest for
 * labels) after the intensity preprocessing, so a CT window applies per voxel;
 * with `preprocessing.spacing`, to that voxel size, cropped or padded.
 */
export class NiftiSource implements VolumeSource {
  readonly kind = 'nifti';
  readonly inMemory = false;
  readonly segmentation: boolean;

  constructor(
    private readonly imageRoot: string,
    private readonly labelRoot: string | null,
    private readonly mappedValues: ReadonlySet<number> | null,
    private readonly budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
  ) {
    this.segmentation = labelRoot !== null;
  }

  async scan(): Promise<ScanResult> {
    let files: string[];
    try {
      files = (await readdir(this.imageRoot)).filter((f) => NIFTI.test(f)).sort();
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.images ${this.imageRoot} cannot be read: ${describeError(error)}`);
    }
    const checked = await mapLimited(files, SCAN_CONCURRENCY, async (id): Promise<{ sample?: SampleRef; skipped?: SkippedFile }> => {
      try {
        const bytes = await readFile(path.join(this.imageRoot, id));
        const volume = readNiftiVolume(bytes, this.budget);
        const [depth, height, width] = volume.shape;
        let hash = sha256Hex(bytes);
        if (this.labelRoot) {
          let labelBytes: Buffer;
          try {
            labelBytes = await readFile(path.join(this.labelRoot, id));
          } catch {
            return { skipped: { id, reason: 'no label volume of the same name in data.labels' } };
          }
          const labels = readNiftiVolume(labelBytes, this.budget);
          if (labels.shape.join() !== volume.shape.join()) return { skipped: { id, reason: 'label volume size differs from its image' } };
          if (this.mappedValues && labels.values.some((v) => !this.mappedValues!.has(v)))
            return { skipped: { id, reason: 'label volume holds a value maskLabelMap does not map' } };
          hash = sha256Hex(Buffer.concat([bytes, labelBytes]));
        }
        return { sample: { id, label: '', contentSha256: hash, meta: { depth, height, width, voxelSpacing: volume.spacing } } };
      } catch (error) {
        return {
          skipped: {
            id,
            reason: error instanceof NiftiUnreadable || error instanceof OverDecodeBudget ? error.message : `cannot read NIfTI: ${describeError(error)}`,
          },
        };
      }
    });
    return { samples: checked.flatMap((c) => (c.sample ? [c.sample] : [])), skipped: checked.flatMap((c) => (c.skipped ? [c.skipped] : [])) };
  }

  async readVolume(sample: SampleRef): Promise<StoredVolume> {
    const volume = readNiftiVolume(await readFile(path.join(this.imageRoot, sample.id)), this.budget);
    return { values: volume.values, shape: volume.shape, spacing: volume.spacing };
  }

  async readLabels(sample: SampleRef): Promise<StoredLabels> {
    if (!this.labelRoot) throw new ConsiliumError('FAILED_PRECONDITION', 'this NIfTI source has no label volumes (data.labels)');
    const labels = readNiftiVolume(await readFile(path.join(this.labelRoot, sample.id)), this.budget);
    return { values: Uint8Array.from(labels.values), shape: labels.shape, spacing: labels.spacing };
  }

  /** Profile intensities: each volume over its own range (NIfTI does not say whether its values are HU). */
  async intensities(sample: SampleRef, preprocessing: Preprocessing): Promise<Float32Array> {
    return normalizeVolume(await this.readVolume(sample), preprocessing);
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing: Preprocessing = DEFAULT_PREPROCESSING): Promise<DecodedSamples> {
    return decodeVolumes(this, samples, inputShape, preprocessing);
  }

  async decodeMasks(samples: readonly SampleRef[], spatial: readonly number[], preprocessing: Preprocessing = DEFAULT_PREPROCESSING): Promise<Uint8Array> {
    return decodeLabelVolumes(this, samples, spatial, preprocessing);
  }
}
