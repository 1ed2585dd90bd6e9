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

/** Trilinear resampling of a volume to [depth, height, width]: voxel centres aligned, as resizeBilinear aligns pixels. */
export function resampleTrilinear(values: Float32Array, from: readonly number[], to: readonly number[]): Float32Array {
  const [fd, fh, fw] = from as [number, number, number];
  const [td, th, tw] = to as [number, number, number];
  const out = new Float32Array(td * th * tw);
  const coord = (i: number, n: number, m: number): [number, number, number] => {
    const x = Math.min(n - 1, Math.max(0, ((i + 0.5) * n) / m - 0.5));
    const lo = Math.floor(x);
    return [lo, Math.min(n - 1, lo + 1), x - lo];
  };
  const at = (z: number, y: number, x: number): number => values[(z * fh + y) * fw + x]!;
  for (let z = 0; z < td; z++) {
    const [z0, z1, dz] = coord(z, fd, td);
    for (let y = 0; y < th; y++) {
      const [y0, y1, dy] = coord(y, fh, th);
      for (let x = 0; x < tw; x++) {
        const [x0, x1, dx] = coord(x, fw, tw);
        const plane = (zz: number): number =>
          (at(zz, y0, x0) * (1 - dx) + at(zz, y0, x1) * dx) * (1 - dy) + (at(zz, y1, x0) * (1 - dx) + at(zz, y1, x1) * dx) * dy;
        out[(z * th + y) * tw + x] = plane(z0) * (1 - dz) + plane(z1) * dz;
      }
    }
  }
  return out;
}

/** Nearest-neighbour resampling, for label volumes: values stay labels. */
export function resampleNearest(values: ArrayLike<number>, from: readonly number[], to: readonly number[]): Uint8Array {
  const [fd, fh, fw] = from as [number, number, number];
  const [td, th, tw] = to as [number, number, number];
  const out = new Uint8Array(td * th * tw);
  const pick = (i: number, n: number, m: number): number => Math.min(n - 1, Math.floor(((i + 0.5) * n) / m));
  for (let z = 0; z < td; z++) {
    const sz = pick(z, fd, td);
    for (let y = 0; y < th; y++) {
      const sy = pick(y, fh, th);
      for (let x = 0; x < tw; x++) out[(z * th + y) * tw + x] = values[(sz * fh + sy) * fw + pick(x, fw, tw)]!;
    }
  }
  return out;
}
