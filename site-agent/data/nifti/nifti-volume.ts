import * as nifti from 'nifti-reader-js';

import { type DecodeBudget, DEFAULT_DECODE_BUDGET, OVER_INFLATED, OverDecodeBudget, requireValuesWithin } from '../decode-budget.js';

/** A volume as [depth, height, width] row-major (NIfTI's own order: x fastest, then y, then z), in scanner units. */
export interface Volume {
  /** [depth, height, width] = [nz, ny, nx]. */
  shape: [number, number, number];
  /** Voxel size in mm, [z, y, x]. */
  spacing: [number, number, number];
  values: Float32Array;
}

/** Why a NIfTI file yields no volume: the profile counts files per reason. */
export class NiftiUnreadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

type Typed = { new (buffer: ArrayBufferLike, offset?: number, length?: number): ArrayLike<number> };
const DATA_TYPES: Record<number, Typed> = {
  2: Uint8Array,
  4: Int16Array,
  8: Int32Array,
  16: Float32Array,
  64: Float64Array,
  256: Int8Array,
  512: Uint16Array,
  768: Uint32Array,
};

/**
 * Reads a NIfTI-1 or NIfTI-2 file (.nii, or .nii.gz) with nifti-reader-js:
 * its first 3-D volume, scaled by scl_slope/scl_inter, with its voxel size.
 * The decode budget bounds the voxels (from the header, before decoding)
 * and the bytes a gzip may inflate to.
 */
export function readNiftiVolume(bytes: Uint8Array, budget: DecodeBudget = DEFAULT_DECODE_BUDGET): Volume {
  let data: ArrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  if (nifti.isCompressed(data)) {
    data = nifti.decompress(data) as ArrayBuffer;
    if (data.byteLength > budget.maxInflatedBytes) throw new OverDecodeBudget(OVER_INFLATED, `inflates to ${data.byteLength} bytes`);
  }
  if (!nifti.isNIFTI(data)) throw new NiftiUnreadable('not a NIfTI file');
  const header = nifti.readHeader(data);
  const [rank, nx = 1, ny = 1, nz = 1] = header.dims;
  if (!rank || rank < 3 || nx < 1 || ny < 1 || nz < 1) throw new NiftiUnreadable(`not a volume: dims ${header.dims.slice(0, (rank ?? 0) + 1).join(', ')}`);
  requireValuesWithin(budget, { width: nx, height: ny, frames: nz, channels: 1 });
  const Type = DATA_TYPES[header.datatypeCode];
  if (!Type) throw new NiftiUnreadable(`unsupported datatype ${header.datatypeCode}`);
  if (!header.littleEndian) throw new NiftiUnreadable('big-endian NIfTI is not supported');
  const image = nifti.readImage(header, data);
  const count = nx * ny * nz;
  const raw = new Type(image, 0, count);
  if (raw.length < count) throw new NiftiUnreadable(`truncated: ${raw.length} of ${count} voxels`);
  const slope = header.scl_slope || 1;
  const intercept = header.scl_inter || 0;
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = raw[i]! * slope + intercept;
  const [, sx = 1, sy = 1, sz = 1] = header.pixDims;
  return { shape: [nz, ny, nx], spacing: [Math.abs(sz) || 1, Math.abs(sy) || 1, Math.abs(sx) || 1], values };
}
