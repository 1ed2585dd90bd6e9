import { describe, expect, it } from 'vitest';

import { orderSeries, type SliceGeometry } from '../../site-agent/data/dicom/series-geometry.js';
import { sliceSamples } from '../../site-agent/data/volume.js';
import { sampleNearest, sampleTrilinear, spacingScale } from '../../site-agent/data/volume-grid.js';

const AXIAL = [1, 0, 0, 0, 1, 0];
const slice = (z: number, overrides: Partial<SliceGeometry> = {}): SliceGeometry => ({
  rows: 4,
  columns: 4,
  frames: 1,
  samplesPerPixel: 1,
  imagePosition: [-10, -20, z],
  imageOrientation: AXIAL,
  pixelSpacing: [0.7, 0.8],
  ...overrides,
});

describe('ordering a DICOM series into a volume', () => {
  it('orders slices by position along the normal, whatever the file order, and takes the median step as the z spacing', () => {
    expect(orderSeries([2.5, -5, 0, 5, -2.5].map((z) => slice(z)))).toEqual({ order: [1, 4, 2, 0, 3], spacing: [2.5, 0.7, 0.8] });
  });

  it('orders an oblique series along its own normal, not along z', () => {
    // Rows along x, columns tilted 45° between y and z: the normal is (0, −1/√2, 1/√2).
    const c = Math.SQRT1_2;
    const tilted = [1, 0, 0, 0, c, c];
    const positions = [3, 1, 2, 0].map((k): [number, number, number] => [0, -k * 2 * c, k * 2 * c]);
    const ordered = orderSeries(positions.map((p) => slice(0, { imagePosition: p, imageOrientation: tilted })));
    expect(ordered.order).toEqual([3, 1, 2, 0]);
    expect(ordered.spacing[0]).toBeCloseTo(2, 12);
  });

  it('refuses, by reason, a series with missing slices, uneven spacing, duplicates, mixed sizes or no positions', () => {
    const refusal = (slices: SliceGeometry[]): string => {
      try {
        orderSeries(slices);
        return 'accepted';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(refusal([0, 2, 4, 8, 10].map((z) => slice(z)))).toBe('missing slices: a gap of 4 mm where slices are 2 mm apart (about 1 missing)');
    expect(refusal([0, 2, 4, 6.5, 8.5].map((z) => slice(z)))).toBe('uneven slice spacing: a step of 2.5 mm where the median is 2 mm');
    // Within the 10 % tolerance: a 2.15 mm step among 2 mm steps passes.
    expect(refusal([0, 2, 4, 6.15, 8.15].map((z) => slice(z)))).toBe('accepted');
    expect(refusal([0, 2, 2, 4].map((z) => slice(z)))).toBe('duplicate slice positions: two slices 0 mm apart');
    expect(refusal([slice(0), slice(2, { rows: 8 })])).toBe('slices of different sizes: 4×4, 8×4');
    expect(refusal([slice(0), slice(2, { imagePosition: null })])).toBe(
      'slices without a position: Image Position (Patient) and Image Orientation (Patient) are needed to stack a series',
    );
    expect(refusal([slice(0), slice(2, { imageOrientation: [0, 1, 0, 1, 0, 0] })])).toBe(
      'slices of different orientations: Image Orientation (Patient) differs between slices',
    );
    expect(refusal([slice(0), slice(2, { frames: 3 })])).toBe('multi-frame file in a series: a volume stacks single-frame slices');
  });
});

describe('resampling volumes', () => {
  it('resamples to a target spacing about the centre, padding outside', () => {
    // One row of 4 voxels 1 mm apart, values 0, 10, 20, 30, sampled at 2 mm onto 4 voxels: centres at −1.5, 0.5, 2.5, 4.5
    // source voxels, so the ends fall outside (padding) and the middle two interpolate.
    const row = Float32Array.from([0, 10, 20, 30]);
    expect(Array.from(sampleTrilinear(row, [1, 1, 4], [1, 1, 4], spacingScale([1, 1, 1], [1, 1, 2]), -1))).toEqual([-1, 5, 25, -1]);
    // At 0.5 mm onto 4 voxels the middle 2 mm is cropped: centres at 0.75, 1.25, 1.75, 2.25.
    expect(Array.from(sampleTrilinear(row, [1, 1, 4], [1, 1, 4], spacingScale([1, 1, 1], [1, 1, 0.5])))).toEqual([7.5, 12.5, 17.5, 22.5]);
    expect(Array.from(sampleNearest(Uint8Array.from([1, 2, 3, 4]), [1, 1, 4], [1, 1, 4], spacingScale([1, 1, 1], [1, 1, 2])))).toEqual([0, 2, 4, 0]);
  });

  it('cuts a volume into slices along an axis, each in its volume group', () => {
    const volume = { id: 'v', label: 'a', contentSha256: 'h', meta: { depth: 2, height: 3, width: 4 } };
    expect(sliceSamples([volume], 'height').map((s) => [s.id, s.group])).toEqual([
      ['v@height:0', 'v'],
      ['v@height:1', 'v'],
      ['v@height:2', 'v'],
    ]);
    expect(sliceSamples([volume], 'width')).toHaveLength(4);
  });
});
