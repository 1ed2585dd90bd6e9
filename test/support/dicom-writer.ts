import { deflateRawSync } from 'node:zlib';

/**
 * Writes minimal DICOM Part 10 files (explicit VR little endian, 16-bit
 * monochrome) for tests that need planted problems: identifying tags,
 * scanner offsets, truncation. Not a general DICOM writer.
 */
export interface TestDicom {
  sopInstanceUid: string;
  modality: string;
  manufacturer: string;
  rows: number;
  columns: number;
  /** Stored 16-bit values, row-major. */
  pixels: Uint16Array;
  rescaleIntercept?: number;
  patientName?: string;
  /** Write the data set deflated (Deflated Explicit VR Little Endian). */
  deflate?: boolean;
  /** Write only the data set (explicit VR little endian): no preamble, no "DICM", no meta header. */
  bare?: boolean;
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

const text = (s: string) => Buffer.from(s, 'latin1');
const us = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};

export function writeTestDicom(d: TestDicom): Buffer {
  const meta = Buffer.concat([
    element(0x0002, 0x0001, 'OB', Buffer.from([0, 1])),
    element(0x0002, 0x0002, 'UI', text('1.2.840.10008.5.1.4.1.1.2')),
    element(0x0002, 0x0003, 'UI', text(d.sopInstanceUid)),
    element(0x0002, 0x0010, 'UI', text(d.deflate ? '1.2.840.10008.1.2.1.99' : '1.2.840.10008.1.2.1')),
  ]);
  const groupLength = Buffer.alloc(4);
  groupLength.writeUInt32LE(meta.length);
  const body = [
    element(0x0008, 0x0016, 'UI', text('1.2.840.10008.5.1.4.1.1.2')),
    element(0x0008, 0x0018, 'UI', text(d.sopInstanceUid)),
    element(0x0008, 0x0060, 'CS', text(d.modality)),
    element(0x0008, 0x0070, 'LO', text(d.manufacturer)),
    ...(d.patientName ? [element(0x0010, 0x0010, 'PN', text(d.patientName))] : []),
    element(0x0028, 0x0002, 'US', us(1)),
    element(0x0028, 0x0004, 'CS', text('MONOCHROME2')),
    element(0x0028, 0x0010, 'US', us(d.rows)),
    element(0x0028, 0x0011, 'US', us(d.columns)),
    element(0x0028, 0x0100, 'US', us(16)),
    element(0x0028, 0x0101, 'US', us(12)),
    element(0x0028, 0x0103, 'US', us(0)),
    element(0x0028, 0x1052, 'DS', text(String(d.rescaleIntercept ?? 0))),
    element(0x0028, 0x1053, 'DS', text('1')),
    element(0x7fe0, 0x0010, 'OW', Buffer.from(d.pixels.buffer, d.pixels.byteOffset, d.pixels.byteLength)),
  ];
  const dataSet = Buffer.concat(body);
  if (d.bare) return dataSet;
  return Buffer.concat([Buffer.alloc(128), text('DICM'), element(0x0002, 0x0000, 'UL', groupLength), meta, d.deflate ? deflateRawSync(dataSet) : dataSet]);
}
