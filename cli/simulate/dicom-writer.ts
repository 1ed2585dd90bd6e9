import { deflateRawSync } from 'node:zlib';

/**
 * Writes minimal DICOM Part 10 files (explicit VR little endian, 16 or 8
 * bits, monochrome or RGB) for tests that need planted problems (identifying
 * tags, scanner offsets, truncation), for a PACS to store, and for the
 * bench's decoding rows. Not a general DICOM writer.
 */
export interface TestDicom {
  sopInstanceUid: string;
  modality: string;
  manufacturer: string;
  rows: number;
  columns: number;
  /** Stored values, row-major (samples interleaved when samplesPerPixel is 3). */
  pixels: Uint16Array | Uint8Array;
  /** 16 (12 stored, the default) or 8 bits per sample. */
  bitsAllocated?: 8 | 16;
  /** 3: RGB, interleaved. */
  samplesPerPixel?: 1 | 3;
  rescaleIntercept?: number;
  patientName?: string;
  /** Write the data set deflated (Deflated Explicit VR Little Endian). */
  deflate?: boolean;
  /** Write only the data set (explicit VR little endian): no preamble, no "DICM", no meta header. */
  bare?: boolean;
  /** Series geometry, for series read as volumes. */
  seriesInstanceUid?: string;
  imagePosition?: readonly number[];
  imageOrientation?: readonly number[];
  pixelSpacing?: readonly [number, number];
  sliceThickness?: number;
  /** Study-level attributes, for a PACS (which files an instance under its study). */
  studyInstanceUid?: string;
  accessionNumber?: string;
  studyDate?: string;
  studyDescription?: string;
  bodyPartExamined?: string;
  patientId?: string;
}

function element(group: number, elem: number, vr: string, value: Buffer): Buffer {
  const padded = value.length % 2 === 0 ? value : Buffer.concat([value, Buffer.from([vr === 'UI' ? 0 : 0x20])]);
  const long = ['OB', 'OW', 'OF', 'SQ', 'UT', 'UN'].includes(vr);
  const head = Buffer.alloc(long ? 12 : 8);
  head.writeUInt16LE(group, 0);
  head.writeUInt16LE(elem, 2);
  head.write(vr, 4, 'latin1');
  if (long) head.writeUInt32LE(padded.length, 8);
  else head.writeUInt16LE(padded.length, 6);
  return Buffer.concat([head, padded]);
}

/** A sequence of defined length, each item of defined length. */
function sequence(group: number, elem: number, items: readonly Buffer[]): Buffer {
  return element(
    group,
    elem,
    'SQ',
    Buffer.concat(
      items.map((item) => {
        const head = Buffer.alloc(8);
        head.writeUInt16LE(0xfffe, 0);
        head.writeUInt16LE(0xe000, 2);
        head.writeUInt32LE(item.length, 4);
        return Buffer.concat([head, item]);
      }),
    ),
  );
}

const text = (s: string) => Buffer.from(s, 'latin1');
const decimals = (values: readonly number[]) => text(values.join('\\'));
const us = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};

function part10(sopClassUid: string, sopInstanceUid: string, dataSet: Buffer, deflate = false): Buffer {
  const meta = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', text(sopClassUid)),
    element(0x0002, 0x0003, 'UI', text(sopInstanceUid)),
    element(0x0002, 0x0010, 'UI', text(deflate ? '1.2.840.10008.1.2.1.99' : '1.2.840.10008.1.2.1')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(meta.length);
  return Buffer.concat([Buffer.alloc(128), text('DICM'), element(0x0002, 0x0000, 'UL', groupLength), meta, deflate ? deflateRawSync(dataSet) : dataSet]);
}

export function writeTestDicom(d: TestDicom): Buffer {
  const body = [
    element(0x0008, 0x0016, 'UI', text('1.2.840.10008.5.1.4.1.1.2')),
    element(0x0008, 0x0018, 'UI', text(d.sopInstanceUid)),
    ...(d.studyDate ? [element(0x0008, 0x0020, 'DA', text(d.studyDate))] : []),
    ...(d.accessionNumber ? [element(0x0008, 0x0050, 'SH', text(d.accessionNumber))] : []),
    element(0x0008, 0x0060, 'CS', text(d.modality)),
    element(0x0008, 0x0070, 'LO', text(d.manufacturer)),
    ...(d.studyDescription ? [element(0x0008, 0x1030, 'LO', text(d.studyDescription))] : []),
    ...(d.patientName ? [element(0x0010, 0x0010, 'PN', text(d.patientName))] : []),
    ...(d.patientId ? [element(0x0010, 0x0020, 'LO', text(d.patientId))] : []),
    ...(d.bodyPartExamined ? [element(0x0018, 0x0015, 'CS', text(d.bodyPartExamined))] : []),
    ...(d.sliceThickness !== undefined ? [element(0x0018, 0x0050, 'DS', text(String(d.sliceThickness)))] : []),
    ...(d.studyInstanceUid ? [element(0x0020, 0x000d, 'UI', text(d.studyInstanceUid))] : []),
    ...(d.seriesInstanceUid ? [element(0x0020, 0x000e, 'UI', text(d.seriesInstanceUid))] : []),
    ...(d.imagePosition ? [element(0x0020, 0x0032, 'DS', decimals(d.imagePosition))] : []),
    ...(d.imageOrientation ? [element(0x0020, 0x0037, 'DS', decimals(d.imageOrientation))] : []),
    element(0x0028, 0x0002, 'US', us(d.samplesPerPixel ?? 1)),
    element(0x0028, 0x0004, 'CS', text(d.samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')),
    ...(d.samplesPerPixel === 3 ? [element(0x0028, 0x0006, 'US', us(0))] : []),
    element(0x0028, 0x0010, 'US', us(d.rows)),
    element(0x0028, 0x0011, 'US', us(d.columns)),
    ...(d.pixelSpacing ? [element(0x0028, 0x0030, 'DS', decimals(d.pixelSpacing))] : []),
    element(0x0028, 0x0100, 'US', us(d.bitsAllocated ?? 16)),
    element(0x0028, 0x0101, 'US', us(d.bitsAllocated === 8 ? 8 : 12)),
    element(0x0028, 0x0102, 'US', us(d.bitsAllocated === 8 ? 7 : 11)),
    element(0x0028, 0x0103, 'US', us(0)),
    element(0x0028, 0x1052, 'DS', text(String(d.rescaleIntercept ?? 0))),
    element(0x0028, 0x1053, 'DS', text('1')),
    element(0x7fe0, 0x0010, d.bitsAllocated === 8 ? 'OB' : 'OW', Buffer.from(d.pixels.buffer, d.pixels.byteOffset, d.pixels.byteLength)),
  ];
  const dataSet = Buffer.concat(body);
  if (d.bare) return dataSet;
  return part10('1.2.840.10008.5.1.4.1.1.2', d.sopInstanceUid, dataSet, d.deflate);
}

/** A binary DICOM Segmentation: its segments, the series it covers, and one frame per (source image, segment). */
export interface TestSegmentation {
  sopInstanceUid: string;
  rows: number;
  columns: number;
  segments: readonly { number: number; label: string }[];
  referencedSeries?: readonly string[];
  /** Each frame: the source image it was derived from, its segment, and its pixels (1 inside), row-major. */
  frames: readonly { source: string; segment: number; mask: Uint8Array }[];
}

export function writeTestSegmentation(seg: TestSegmentation): Buffer {
  const size = seg.rows * seg.columns;
  const packed = Buffer.alloc(Math.ceil((size * seg.frames.length) / 8));
  seg.frames.forEach((frame, f) => {
    for (let i = 0; i < size; i++) if (frame.mask[i]) packed[(f * size + i) >> 3]! |= 1 << ((f * size + i) & 7);
  });
  const body = [
    element(0x0008, 0x0016, 'UI', text('1.2.840.10008.5.1.4.1.1.66.4')),
    element(0x0008, 0x0018, 'UI', text(seg.sopInstanceUid)),
    element(0x0008, 0x0060, 'CS', text('SEG')),
    ...(seg.referencedSeries
      ? [
          sequence(
            0x0008,
            0x1115,
            seg.referencedSeries.map((uid) => element(0x0020, 0x000e, 'UI', text(uid))),
          ),
        ]
      : []),
    element(0x0028, 0x0002, 'US', us(1)),
    element(0x0028, 0x0004, 'CS', text('MONOCHROME2')),
    element(0x0028, 0x0008, 'IS', text(String(seg.frames.length))),
    element(0x0028, 0x0010, 'US', us(seg.rows)),
    element(0x0028, 0x0011, 'US', us(seg.columns)),
    element(0x0028, 0x0100, 'US', us(1)),
    element(0x0028, 0x0101, 'US', us(1)),
    element(0x0028, 0x0103, 'US', us(0)),
    element(0x0062, 0x0001, 'CS', text('BINARY')),
    sequence(
      0x0062,
      0x0002,
      seg.segments.map((s) => Buffer.concat([element(0x0062, 0x0004, 'US', us(s.number)), element(0x0062, 0x0005, 'LO', text(s.label))])),
    ),
    sequence(
      0x5200,
      0x9230,
      seg.frames.map((frame) =>
        Buffer.concat([
          sequence(0x0008, 0x9124, [sequence(0x0008, 0x2112, [element(0x0008, 0x1155, 'UI', text(frame.source))])]),
          sequence(0x0062, 0x000a, [element(0x0062, 0x000b, 'US', us(frame.segment))]),
        ]),
      ),
    ),
    element(0x7fe0, 0x0010, 'OB', packed),
  ];
  return part10('1.2.840.10008.5.1.4.1.1.66.4', seg.sopInstanceUid, Buffer.concat(body));
}
