import dicomParser from 'dicom-parser';

import { type DecodeBudget, DEFAULT_DECODE_BUDGET, requireValuesWithin } from '../decode-budget.js';
import { DicomUnreadable } from './dicom-file.js';

/** The SOP Class of a DICOM Segmentation object. */
export const SEGMENTATION_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.66.4';

/** One frame of a segmentation: which segment it labels, over which source image. */
export interface SegmentationFrame {
  /** Segment Number (0062,0004) of this frame, from its Segment Identification Sequence. */
  segment: number;
  /** SOP Instance UID of the image the frame was derived from, when the frame names one. */
  sourceSopInstanceUid: string | null;
  /** One value per pixel, row-major: 1 inside the segment, 0 outside (fractional segments above half as 1). */
  mask: Uint8Array;
}

export interface DicomSegmentation {
  /** Series Instance UIDs of the Referenced Series Sequence (0008,1115): the images the segmentation covers, frames or not. */
  referencedSeries: string[];
  rows: number;
  columns: number;
  /** Segment number → its label (Segment Label, 0062,0005). */
  segments: Map<number, string>;
  frames: SegmentationFrame[];
}

/**
 * Reads a DICOM Segmentation (binary or fractional) with dicom-parser: its
 * segments and, per frame, the segment it labels, the source image it was
 * derived from, and the unpacked mask. Binary frames are packed 1 bit per
 * pixel, least significant bit first, continuing across frame boundaries.
 */
export function readSegmentation(bytes: Uint8Array, budget: DecodeBudget = DEFAULT_DECODE_BUDGET): DicomSegmentation {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes);
  } catch (error) {
    throw new DicomUnreadable('unparseable', String(error));
  }
  if (ds.string('x00080016') !== SEGMENTATION_SOP_CLASS) throw new DicomUnreadable('not a segmentation', `SOP Class ${ds.string('x00080016') ?? 'missing'}`);
  const rows = ds.uint16('x00280010') ?? 0;
  const columns = ds.uint16('x00280011') ?? 0;
  const frames = Number(ds.string('x00280008') ?? '1');
  const bits = ds.uint16('x00280100') ?? 1;
  const fractional = ds.string('x00620001') === 'FRACTIONAL';
  if (!(rows > 0 && columns > 0 && frames > 0)) throw new DicomUnreadable('bad value', `rows ${rows}, columns ${columns}, frames ${frames}`);
  requireValuesWithin(budget, { width: columns, height: rows, frames, channels: 1 });
  const segments = new Map<number, string>();
  for (const item of ds.elements['x00620002']?.items ?? []) segments.set(item.dataSet!.uint16('x00620004') ?? 0, item.dataSet!.string('x00620005') ?? '');
  const pixel = ds.elements['x7fe00010'];
  if (!pixel) throw new DicomUnreadable('no pixel data', 'the segmentation carries no frames');
  const data = bytes.subarray(pixel.dataOffset, pixel.dataOffset + pixel.length);
  const size = rows * columns;
  const needed = fractional || bits === 8 ? size * frames : Math.ceil((size * frames) / 8);
  if (data.length < needed)
    throw new DicomUnreadable('truncated', `pixel data holds ${data.length} bytes, ${frames} frames of ${rows}×${columns} need ${needed}`);
  const perFrame = ds.elements['x52009230']?.items ?? [];
  const referencedSeries = (ds.elements['x00081115']?.items ?? []).flatMap((item) => {
    const uid = item.dataSet?.string('x0020000e')?.trim();
    return uid ? [uid] : [];
  });
  return {
    referencedSeries,
    rows,
    columns,
    segments,
    frames: Array.from({ length: frames }, (_, f) => {
      const functional = perFrame[f]?.dataSet;
      const segment = functional?.elements['x0062000a']?.items?.[0]?.dataSet?.uint16('x0062000b') ?? 1;
      const source = functional?.elements['x00089124']?.items?.[0]?.dataSet?.elements['x00082112']?.items?.[0]?.dataSet?.string('x00081155') ?? null;
      const mask = new Uint8Array(size);
      for (let i = 0; i < size; i++) {
        const at = f * size + i;
        // Fractional frames hold 0…max per pixel; inside means above half.
        mask[i] = fractional || bits === 8 ? (data[at]! > 127 ? 1 : 0) : (data[at >> 3]! >> (at & 7)) & 1;
      }
      return { segment, sourceSopInstanceUid: source, mask };
    }),
  };
}
