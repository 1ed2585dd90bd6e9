import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import type { DatasetSource, DecodedSamples, SampleRef, ScanResult } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET, inflatedWithin } from './decode-budget.js';

interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/** Parses an IDX file (the MNIST format) of unsigned bytes, gzip or not. */
export function parseIdx(raw: Buffer, what: string, budget: DecodeBudget = DEFAULT_DECODE_BUDGET): IdxArray {
  let bytes = raw;
  if (raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      bytes = inflatedWithin(budget, () => gunzipSync(raw, { maxOutputLength: budget.maxInflatedBytes }));
    } catch (error) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${what}: ${describeError(error)}; raise decodeBudget.maxInflatedMegabytes in site.yaml if the file is genuine`,
      );
    }
  }
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw new ConsiliumError('INVALID_ARGUMENT', `${what} is not an IDX file (bad magic number)`);
  if (bytes[2] !== 0x08)
    throw new ConsiliumError('INVALID_ARGUMENT', `${what} holds IDX type 0x${bytes[2]!.toString(16)}; only unsigned bytes (0x08) are supported`);
  const rank = bytes[3]!;
  const dims = Array.from({ length: rank }, (_, i) => bytes.readUInt32BE(4 + i * 4));
  const start = 4 + rank * 4;
  const count = dims.reduce((a, b) => a * b, 1);
  if (bytes.length < start + count) throw new ConsiliumError('INVALID_ARGUMENT', `${what} is truncated: ${bytes.length - start} of ${count} values`);
  return { dims, data: bytes.subarray(start, start + count) };
}

/** An IDX image file and its label file, e.g. Fashion-MNIST's train-images-idx3-ubyte.gz and train-labels-idx1-ubyte.gz. */
export class IdxSource implements DatasetSource {
  readonly kind = 'idx';
  readonly inMemory = true;
  private images: IdxArray | null = null;

  constructor(
    private readonly imagesPath: string,
    private readonly labelsPath: string,
    private readonly classNames: string[] | undefined,
    private readonly limit: number | undefined,
    private readonly budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
  ) {}

  private async read(path: string, what: string): Promise<Buffer> {
    try {
      return await readFile(path);
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `${what} ${path} cannot be read: ${describeError(error)}`);
    }
  }

  async scan(): Promise<ScanResult> {
    const images = parseIdx(await this.read(this.imagesPath, 'data.images'), 'data.images', this.budget);
    const labels = parseIdx(await this.read(this.labelsPath, 'data.labels'), 'data.labels', this.budget);
    if (images.dims.length !== 3) throw new ConsiliumError('INVALID_ARGUMENT', `data.images must be [count, rows, columns], not [${images.dims.join(', ')}]`);
    if (labels.dims[0] !== images.dims[0]) {
      throw new ConsiliumError('INVALID_ARGUMENT', `data.images has ${images.dims[0]} images but data.labels has ${labels.dims[0]} labels`);
    }
    this.images = images;
    const count = Math.min(images.dims[0]!, this.limit ?? Infinity);
    const size = images.dims[1]! * images.dims[2]!;
    const samples: SampleRef[] = [];
    for (let i = 0; i < count; i++) {
      const value = labels.data[i]!;
      const label = this.classNames ? this.classNames[value] : String(value);
      if (label === undefined) throw new ConsiliumError('INVALID_ARGUMENT', `label ${value} at index ${i} has no entry in data.classNames`);
      samples.push({ id: String(i), label, contentSha256: sha256Hex(images.data.subarray(i * size, (i + 1) * size)) });
    }
    return { samples, skipped: [] };
  }

  async intensities(sample: SampleRef): Promise<Float32Array> {
    if (!this.images) await this.scan();
    const [, rows, cols] = this.images!.dims;
    const size = rows! * cols!;
    return Float32Array.from(this.images!.data.subarray(Number(sample.id) * size, (Number(sample.id) + 1) * size), (v) => v / 255);
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[]): Promise<DecodedSamples> {
    if (!this.images) await this.scan();
    const [, rows, cols] = this.images!.dims;
    if (inputShape.join(',') !== `${rows},${cols},1` && inputShape.join(',') !== `${rows! * cols!}`) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `IDX images are ${rows}×${cols}; the model's input must be [${rows}, ${cols}, 1] or [${rows! * cols!}], not [${inputShape.join(', ')}]`,
      );
    }
    const size = rows! * cols!;
    const features = new Float32Array(samples.length * size);
    samples.forEach((sample, row) => {
      const offset = Number(sample.id) * size;
      for (let i = 0; i < size; i++) features[row * size + i] = this.images!.data[offset + i]! / 255;
    });
    return { samples: [...samples], features, skipped: [] };
  }
}
