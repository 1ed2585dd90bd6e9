import { gzipSync } from 'node:zlib';

/**
 * A NIfTI-1 single file (.nii) of one volume, [depth, height, width] row-major
 * (NIfTI's x-fastest order), int16 or uint8, with its voxel size; gzipped for .nii.gz.
 */
export function niftiBytes(
  shape: [number, number, number],
  values: ArrayLike<number>,
  options: { type?: 'int16' | 'uint8'; spacing?: [number, number, number]; gzip?: boolean; slope?: number } = {},
): Buffer {
  const [nz, ny, nx] = shape;
  const type = options.type ?? 'int16';
  const bytesPer = type === 'int16' ? 2 : 1;
  const header = Buffer.alloc(352);
  header.writeInt32LE(348, 0);
  [3, nx, ny, nz, 1, 1, 1, 1].forEach((d, i) => header.writeInt16LE(d, 40 + 2 * i));
  header.writeInt16LE(type === 'int16' ? 4 : 2, 70);
  header.writeInt16LE(bytesPer * 8, 72);
  const [sz, sy, sx] = options.spacing ?? [1, 1, 1];
  [1, sx, sy, sz, 1, 1, 1, 1].forEach((d, i) => header.writeFloatLE(d, 76 + 4 * i));
  header.writeFloatLE(352, 108);
  header.writeFloatLE(options.slope ?? 1, 112);
  header.writeFloatLE(0, 116);
  header.write('n+1\0', 344, 'latin1');
  const data = Buffer.alloc(nx * ny * nz * bytesPer);
  for (let i = 0; i < nx * ny * nz; i++) {
    if (type === 'int16') data.writeInt16LE(values[i]!, 2 * i);
    else data.writeUInt8(values[i]!, i);
  }
  const file = Buffer.concat([header, data]);
  return options.gzip ? gzipSync(file) : file;
}
