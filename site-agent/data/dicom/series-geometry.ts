/** What ordering a series needs from each of its image headers. */
export interface SliceGeometry {
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  imagePosition: readonly [number, number, number] | null;
  imageOrientation: readonly number[] | null;
  pixelSpacing: readonly [number, number] | null;
}

/** A series that stacks into a volume: slice indices in order along the normal, and the voxel size in mm, [z, y, x]. */
export interface OrderedSeries {
  order: number[];
  spacing: [number, number, number];
}

/** Why a series is not one volume; the profile counts series per reason. */
export class SeriesRefused extends Error {
  constructor(
    readonly reason: string,
    detail: string,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** The reason a series with a gap is refused under; the data profile counts these series. */
export const MISSING_SLICES = 'missing slices';

/** Slices whose spacing departs from the median by more than this fraction make the spacing uneven. */
export const SPACING_TOLERANCE = 0.1;
/** A step this many times the median is a missing slice (or several), not unevenness. */
export const GAP_FACTOR = 1.5;
const ORIENTATION_TOLERANCE = 1e-3;

const cross = (a: readonly number[], b: readonly number[]): [number, number, number] => [
  a[1]! * b[2]! - a[2]! * b[1]!,
  a[2]! * b[0]! - a[0]! * b[2]!,
  a[0]! * b[1]! - a[1]! * b[0]!,
];
const dot = (a: readonly number[], b: readonly number[]): number => a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
const mm = (v: number): string => `${Number(v.toFixed(3))} mm`;

/**
 * Orders a series' slices along their normal (the cross product of Image
 * Orientation (Patient)'s row and column directions) by where Image Position
 * (Patient) puts each, as DICOM viewers and MONAI's readers do (file names
 * and Instance Numbers are not reliable). Refuses, by reason, a series that
 * is not one regular volume: slices of several sizes or orientations, a
 * multi-frame file among them, slices without a position, two slices at one
 * position, a gap (a step over 1.5 times the median: missing slices), or
 * spacing uneven by more than 10 %.
 */
export function orderSeries(slices: readonly SliceGeometry[]): OrderedSeries {
  const first = slices[0];
  if (!first) throw new SeriesRefused('empty series', 'no slices');
  if (slices.some((s) => s.samplesPerPixel !== 1)) throw new SeriesRefused('colour slices in a series', 'a volume stacks single-channel slices');
  if (slices.some((s) => s.frames !== 1)) throw new SeriesRefused('multi-frame file in a series', 'a volume stacks single-frame slices');
  if (slices.some((s) => s.rows !== first.rows || s.columns !== first.columns)) {
    const sizes = [...new Set(slices.map((s) => `${s.rows}×${s.columns}`))];
    throw new SeriesRefused('slices of different sizes', sizes.join(', '));
  }
  const [rowSpacing, columnSpacing] = first.pixelSpacing ?? [1, 1];
  if (slices.length === 1) return { order: [0], spacing: [1, rowSpacing, columnSpacing] };
  const orientation = first.imageOrientation;
  if (!orientation || slices.some((s) => !s.imagePosition || !s.imageOrientation)) {
    throw new SeriesRefused('slices without a position', 'Image Position (Patient) and Image Orientation (Patient) are needed to stack a series');
  }
  if (slices.some((s) => s.imageOrientation!.some((v, i) => Math.abs(v - orientation[i]!) > ORIENTATION_TOLERANCE))) {
    throw new SeriesRefused('slices of different orientations', 'Image Orientation (Patient) differs between slices');
  }
  const normal = cross(orientation.slice(0, 3), orientation.slice(3, 6));
  const along = slices.map((s, index) => ({ index, at: dot(s.imagePosition!, normal) })).sort((a, b) => a.at - b.at);
  const steps = along.slice(1).map((s, i) => s.at - along[i]!.at);
  const median = [...steps].sort((a, b) => a - b)[steps.length >> 1]!;
  const smallest = Math.min(...steps);
  if (smallest < 1e-3) throw new SeriesRefused('duplicate slice positions', `two slices ${mm(smallest)} apart`);
  const largest = Math.max(...steps);
  if (largest > GAP_FACTOR * median) {
    const missing = Math.round(largest / median) - 1;
    throw new SeriesRefused(MISSING_SLICES, `a gap of ${mm(largest)} where slices are ${mm(median)} apart (about ${missing} missing)`);
  }
  const worst = steps.reduce((w, s) => (Math.abs(s - median) > Math.abs(w - median) ? s : w), median);
  if (Math.abs(worst - median) > SPACING_TOLERANCE * median) {
    throw new SeriesRefused('uneven slice spacing', `a step of ${mm(worst)} where the median is ${mm(median)}`);
  }
  return { order: along.map((a) => a.index), spacing: [median, rowSpacing, columnSpacing] };
}
