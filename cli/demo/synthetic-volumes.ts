import { seededNormal, seededRandom } from '../../common/seeded-random.js';
import type { ScannerSignature } from './synthetic-lesions.js';

/** Edge of the demo's cubic volumes, in voxels. */
export const VOLUME_SIZE = 16;

/**
 * `count` volumes of one hospital with their lesion masks, in memory: soft
 * tissue with a slow texture, one ellipsoid lesion of lesion-like texture at
 * a random place and orientation, seen through the hospital's scanner (gain,
 * offset, noise). Values in [0, 1] as a windowed CT reads; one class index
 * per voxel (0 background, 1 lesion). The same seed gives the same volumes.
 */
export function volumeCases(count: number, signature: ScannerSignature, seed: number): { features: Float32Array; masks: Int32Array } {
  const n = VOLUME_SIZE;
  const size = n * n * n;
  const random = seededRandom(seed);
  const normal = seededNormal(seededRandom(seed ^ 0x5bd1e995));
  const features = new Float32Array(count * size);
  const masks = new Int32Array(count * size);
  for (let s = 0; s < count; s++) {
    const centre = [4 + random() * 8, 4 + random() * 8, 4 + random() * 8];
    const radii = [2 + random() * 2.5, 2 + random() * 2.5, 2 + random() * 2.5];
    const [tilt, phase] = [random() * Math.PI, random() * Math.PI * 2];
    const contrast = 0.3 + random() * 0.15;
    for (let z = 0; z < n; z++) {
      for (let y = 0; y < n; y++) {
        for (let x = 0; x < n; x++) {
          const i = s * size + (z * n + y) * n + x;
          const [dz, dy, dx] = [z - centre[0]!, y - centre[1]!, x - centre[2]!];
          // The ellipsoid turned by `tilt` in the y–x plane.
          const [ry, rx] = [dy * Math.cos(tilt) - dx * Math.sin(tilt), dy * Math.sin(tilt) + dx * Math.cos(tilt)];
          const inside = (dz / radii[0]!) ** 2 + (ry / radii[1]!) ** 2 + (rx / radii[2]!) ** 2 < 1;
          const tissue = 0.35 + 0.05 * Math.sin(x / 2.5 + phase) * Math.cos(z / 3);
          const lesion = inside ? contrast * (0.8 + 0.2 * Math.sin(3 * (x + y + z))) : 0;
          const value = signature.gain * (tissue + lesion) + signature.offset + signature.noise * normal();
          features[i] = Math.min(1, Math.max(0, value));
          masks[i] = inside ? 1 : 0;
        }
      }
    }
  }
  return { features, masks };
}
