/** [depth, height, width] of a volume, or of a plane as [1, height, width]. */
export type Grid = readonly [number, number, number];

/**
 * Where output voxel i of m falls in a source axis of n voxels, `scale` source
 * voxels per output voxel, both grids centred on each other. With scale n / m
 * this is a resize with voxel centres aligned (as tf.image and sharp resize
 * without align-corners); with scale = target spacing / source spacing it is
 * a resampling to that spacing, cropped or padded about the centre.
 */
const sourceCoordinate = (i: number, n: number, m: number, scale: number): number => (n - 1) / 2 + (i - (m - 1) / 2) * scale;

/** Scales that resize `from` onto `to` exactly. */
export const resizeScale = (from: Grid, to: Grid): [number, number, number] => [from[0] / to[0], from[1] / to[1], from[2] / to[2]];

/** Scales that resample voxels of `from` mm to `to` mm (then cropped or padded to the target size). */
export const spacingScale = (from: readonly number[], to: readonly number[]): [number, number, number] => [
  to[0]! / from[0]!,
  to[1]! / from[1]!,
  to[2]! / from[2]!,
];

/**
 * Trilinear sampling of a volume onto a grid (see sourceCoordinate); a point
 * more than half a voxel outside the source takes `pad`, nearer ones the edge.
 */
export function sampleTrilinear(values: Float32Array, from: Grid, to: Grid, scale: readonly number[], pad = 0): Float32Array {
  const [fd, fh, fw] = from;
  const [td, th, tw] = to;
  const out = new Float32Array(td * th * tw);
  const axis = (m: number, n: number, s: number): { lo: Int32Array; hi: Int32Array; t: Float32Array; inside: Uint8Array } => {
    const lo = new Int32Array(m);
    const hi = new Int32Array(m);
    const t = new Float32Array(m);
    const inside = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const c = sourceCoordinate(i, n, m, s);
      inside[i] = c >= -0.5 - 1e-9 && c <= n - 0.5 + 1e-9 ? 1 : 0;
      const x = Math.min(n - 1, Math.max(0, c));
      lo[i] = Math.floor(x);
      hi[i] = Math.min(n - 1, lo[i]! + 1);
      t[i] = x - lo[i]!;
    }
    return { lo, hi, t, inside };
  };
  const [z, y, x] = [axis(td, fd, scale[0]!), axis(th, fh, scale[1]!), axis(tw, fw, scale[2]!)];
  const at = (zz: number, yy: number, xx: number): number => values[(zz * fh + yy) * fw + xx]!;
  for (let k = 0; k < td; k++) {
    const [z0, z1, dz] = [z.lo[k]!, z.hi[k]!, z.t[k]!];
    for (let j = 0; j < th; j++) {
      const [y0, y1, dy] = [y.lo[j]!, y.hi[j]!, y.t[j]!];
      for (let i = 0; i < tw; i++) {
        const o = (k * th + j) * tw + i;
        if (!(z.inside[k] && y.inside[j] && x.inside[i])) {
          out[o] = pad;
          continue;
        }
        const [x0, x1, dx] = [x.lo[i]!, x.hi[i]!, x.t[i]!];
        const plane = (zz: number): number =>
          (at(zz, y0, x0) * (1 - dx) + at(zz, y0, x1) * dx) * (1 - dy) + (at(zz, y1, x0) * (1 - dx) + at(zz, y1, x1) * dx) * dy;
        out[o] = plane(z0) * (1 - dz) + plane(z1) * dz;
      }
    }
  }
  return out;
}

/** Nearest-neighbour sampling onto a grid, for label volumes: values stay labels; outside the source is 0. */
export function sampleNearest(values: ArrayLike<number>, from: Grid, to: Grid, scale: readonly number[]): Uint8Array {
  const [fd, fh, fw] = from;
  const [td, th, tw] = to;
  const out = new Uint8Array(td * th * tw);
  const axis = (m: number, n: number, s: number): Int32Array =>
    Int32Array.from({ length: m }, (_, i) => {
      const nearest = Math.floor(sourceCoordinate(i, n, m, s) + 0.5);
      return nearest >= 0 && nearest < n ? nearest : -1;
    });
  const [z, y, x] = [axis(td, fd, scale[0]!), axis(th, fh, scale[1]!), axis(tw, fw, scale[2]!)];
  for (let k = 0; k < td; k++) {
    for (let j = 0; j < th; j++) {
      for (let i = 0; i < tw; i++) {
        if (z[k]! < 0 || y[j]! < 0 || x[i]! < 0) continue;
        out[(k * th + j) * tw + i] = values[(z[k]! * fh + y[j]!) * fw + x[i]!]!;
      }
    }
  }
  return out;
}
