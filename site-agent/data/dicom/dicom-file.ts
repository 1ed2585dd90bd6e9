import { inflateRawSync } from 'node:zlib';

import dicomParser from 'dicom-parser';

import { type DecodeBudget, DEFAULT_DECODE_BUDGET, inflatedWithin, OverDecodeBudget, requireValuesWithin } from '../decode-budget.js';
import { type DecodePool, decodePool } from './codecs/decode-pool.js';
import type { Codec } from './codecs/frame-codecs.js';
import { FrameDecodeError } from './codecs/frame-errors.js';
import { type DeidFinding, findIdentifying } from './deid/basic-profile.js';
import { decodeRleFrame } from './rle.js';

/** Why a file yields no image; profiles count files per reason. */
export class DicomUnreadable extends Error {
  constructor(
    /** A short category: "truncated", "bad value", "unsupported transfer syntax 1.2.840.10008.1.2.4.51 (JPEG Extended)", … */
    readonly reason: string,
    detail: string,
    /** What the header said, when it parsed and only the pixels failed: it still enters the profile (modality, identifying tags). */
    readonly description: DicomDescription | null = null,
  ) {
    super(`${reason}: ${detail}`);
  }
}

/** The transfer syntaxes read here: natively, or (with `codec`) through a decoding thread (codecs/frame-codecs.ts). */
const TRANSFER_SYNTAXES: Record<string, { name: string; codec?: Codec }> = {
  '1.2.840.10008.1.2': { name: 'Implicit VR Little Endian' },
  '1.2.840.10008.1.2.1': { name: 'Explicit VR Little Endian' },
  '1.2.840.10008.1.2.1.99': { name: 'Deflated Explicit VR Little Endian' },
  '1.2.840.10008.1.2.2': { name: 'Explicit VR Big Endian' },
  '1.2.840.10008.1.2.5': { name: 'RLE Lossless' },
  '1.2.840.10008.1.2.4.50': { name: 'JPEG Baseline', codec: 'jpeg' },
  '1.2.840.10008.1.2.4.51': { name: 'JPEG Extended', codec: 'jpeg' },
  '1.2.840.10008.1.2.4.57': { name: 'JPEG Lossless', codec: 'jpeg-lossless' },
  '1.2.840.10008.1.2.4.70': { name: 'JPEG Lossless SV1', codec: 'jpeg-lossless' },
  '1.2.840.10008.1.2.4.80': { name: 'JPEG-LS Lossless', codec: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.81': { name: 'JPEG-LS Near-Lossless', codec: 'jpeg-ls' },
  '1.2.840.10008.1.2.4.90': { name: 'JPEG 2000 Lossless', codec: 'jpeg-2000' },
  '1.2.840.10008.1.2.4.91': { name: 'JPEG 2000', codec: 'jpeg-2000' },
};

/** What a header says about the image and the patient, whether or not its pixels decode. */
export interface DicomDescription {
  transferSyntax: string;
  sopInstanceUid: string | null;
  modality: string | null;
  manufacturer: string | null;
  manufacturerModelName: string | null;
  bodyPartExamined: string | null;
  /** Patient Age in years (from "045Y", "006M", …), or null. */
  patientAgeYears: number | null;
  patientSex: string | null;
  /** Row and column spacing in mm, when the file says. */
  pixelSpacing: [number, number] | null;
  sopClassUid: string | null;
  seriesInstanceUid: string | null;
  studyInstanceUid: string | null;
  /** Accession Number: a local label key (DICOMweb sources join labels by it); identifying, so never sent. */
  accessionNumber: string | null;
  /** Image Position (Patient): the first pixel's centre in mm, when the file says. */
  imagePosition: [number, number, number] | null;
  /** Image Orientation (Patient): the row and column direction cosines, when the file says. */
  imageOrientation: [number, number, number, number, number, number] | null;
  /** Slice Thickness in mm, when the file says. */
  sliceThickness: number | null;
  /** What PS3.15's Basic Profile would act on in this file (attribute names and categories, never values). */
  deidentification: DeidFinding[];
  burnedInAnnotation: boolean;
}

export interface DicomHeader extends DicomDescription {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  frames: number;
  /** MONOCHROME1 shows low values bright; preprocessing inverts it. */
  inverted: boolean;
}

export interface DicomImage {
  header: DicomHeader;
  /** One frame's values after Rescale Slope/Intercept, rows × columns × samples, samples interleaved. */
  frame(index: number): Float32Array;
}

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';

/** Deflated Explicit VR Little Endian, inflated with a ceiling: a deflate bomb stops at the budget instead of filling memory. */
function inflaterWithin(budget: DecodeBudget): (bytes: Uint8Array, position: number) => Uint8Array {
  return (bytes, position) => {
    const inflated = inflatedWithin(budget, () =>
      inflateRawSync(Buffer.from(bytes.buffer, bytes.byteOffset + position, bytes.length - position), { maxOutputLength: budget.maxInflatedBytes }),
    );
    const out = new Uint8Array(position + inflated.length);
    out.set(bytes.subarray(0, position));
    out.set(inflated, position);
    return out;
  };
}

const VRS = new Set([
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FL',
  'FD',
  'IS',
  'LO',
  'LT',
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'PN',
  'SH',
  'SL',
  'SQ',
  'SS',
  'ST',
  'SV',
  'TM',
  'UC',
  'UI',
  'UL',
  'UN',
  'UR',
  'US',
  'UT',
  'UV',
]);
/** How far into a bare file its data set may start: a stray byte or a short junk prefix is found, a file of junk is not. */
const BARE_SEARCH_BYTES = 256;

/**
 * A bare data set is believed only when it looks like one: its elements in
 * ascending tag order (the standard requires it; a misaligned parse breaks
 * it at once), and an SOP Class, SOP Instance UID or Modality among them.
 * Without this, a data set read one byte off still "found" pixel data and
 * lost its whole header: modality, sex, age, and the identifying tags.
 */
function plausible(ds: dicomParser.DataSet): boolean {
  const tags = Object.keys(ds.elements).filter((t) => !t.startsWith('x0002'));
  if (tags.length < 3) return false;
  for (let i = 1; i < tags.length; i++) if (tags[i]! <= tags[i - 1]!) return false;
  return ['x00080016', 'x00080018', 'x00080060'].some((t) => ds.elements[t] !== undefined);
}

/** Offsets where a group 0008 element may start, as explicit or implicit VR little endian; offset 0 first. */
function* candidateStarts(bytes: Uint8Array): Generator<{ offset: number; syntax: string }> {
  for (let offset = 0; offset + 8 <= Math.min(bytes.length, BARE_SEARCH_BYTES); offset++) {
    if (bytes[offset] !== 0x08 || bytes[offset + 1] !== 0x00 || (bytes[offset + 2]! & 1) !== 0) continue;
    const vr = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!);
    yield { offset, syntax: VRS.has(vr) ? EXPLICIT_LE : IMPLICIT_LE };
  }
}

/**
 * A file without the 128-byte preamble and "DICM" is a bare data set with no
 * meta header: its start is found (explicit or implicit VR little endian, the
 * default transfer syntax), and a data set that does not parse plausibly
 * from any start is refused, never guessed at.
 */
function parseBare(bytes: Uint8Array): dicomParser.DataSet {
  let lastError: unknown = null;
  for (const { offset, syntax } of candidateStarts(bytes)) {
    try {
      const ds = dicomParser.parseDicom(bytes.subarray(offset), { TransferSyntaxUID: syntax });
      if (plausible(ds)) return ds;
    } catch (error) {
      lastError = error;
    }
  }
  throw new DicomUnreadable(
    'unparsable header',
    `no DICOM data set starts in the first ${BARE_SEARCH_BYTES} bytes${lastError ? ` (${String((lastError as { exception?: string }).exception ?? lastError)})` : ''}`,
  );
}

function parse(bytes: Uint8Array, budget: DecodeBudget): dicomParser.DataSet {
  const hasPrefix = bytes.length >= 132 && String.fromCharCode(...bytes.subarray(128, 132)) === 'DICM';
  try {
    return hasPrefix ? dicomParser.parseDicom(bytes, { inflater: inflaterWithin(budget) } as never) : parseBare(bytes);
  } catch (error) {
    if (error instanceof OverDecodeBudget) throw new DicomUnreadable(error.reason, error.message);
    if (error instanceof DicomUnreadable) throw error;
    const message = String((error as { exception?: string }).exception ?? (error as Error).message ?? error);
    const partial = (error as { dataSet?: dicomParser.DataSet }).dataSet;
    if (/buffer overrun|end of buffer|beyond/i.test(message))
      throw new DicomUnreadable('truncated', message, partial ? describe(partial, transferSyntaxOf(bytes)) : null);
    if (/0002,0010/.test(message)) throw new DicomUnreadable('no transfer syntax', 'the file meta header lacks Transfer Syntax UID (0002,0010)');
    if (/invalid vr|vr/i.test(message)) throw new DicomUnreadable('bad VR', message);
    throw new DicomUnreadable('not DICOM', message);
  }
}

/** A whole-number attribute: US values are binary, IS values are text (Number of Frames). */
function integer(ds: dicomParser.DataSet, tag: string, name: string, vr: 'US' | 'IS', fallback?: number): number {
  const element = ds.elements[tag];
  if (!element || element.length === 0) {
    if (fallback !== undefined) return fallback;
    throw new DicomUnreadable('missing attribute', `${name} (${tag.slice(1, 5)},${tag.slice(5)}) is absent`);
  }
  const value = vr === 'IS' ? Number(ds.string(tag)) : ds.uint16(tag);
  if (value === undefined || !Number.isInteger(value) || value < 0) {
    throw new DicomUnreadable('bad value', `${name} (${tag.slice(1, 5)},${tag.slice(5)}) is "${ds.string(tag)}", not a whole number`);
  }
  return value;
}

/** A text attribute, or null; in a truncated file's partial data set an element cut short reads as absent. */
function text(ds: dicomParser.DataSet, tag: string): string | null {
  try {
    const value = ds.string(tag)?.trim();
    return value ? value : null;
  } catch {
    return null;
  }
}

function ageInYears(age: string | null): number | null {
  const match = age ? /^(\d{3})([DWMY])$/.exec(age) : null;
  if (!match) return null;
  const n = Number(match[1]);
  return { D: n / 365.25, W: n / 52.18, M: n / 12, Y: n }[match[2] as 'D' | 'W' | 'M' | 'Y'];
}

/** The transfer syntax the meta header names, read directly: a truncated file's partial data set lacks its meta header. */
function transferSyntaxOf(bytes: Uint8Array): string {
  try {
    return dicomParser.readPart10Header(bytes).string('x00020010')?.replace(/\0/g, '').trim() ?? IMPLICIT_LE;
  } catch {
    return IMPLICIT_LE;
  }
}

/** A multi-valued decimal string (DS) of exactly `n` finite numbers, or null. */
function decimals(ds: dicomParser.DataSet, tag: string, n: number): number[] | null {
  const values = text(ds, tag)?.split('\\').map(Number);
  return values?.length === n && values.every(Number.isFinite) ? values : null;
}

function describe(ds: dicomParser.DataSet, transferSyntax: string): DicomDescription {
  const spacing = decimals(ds, 'x00280030', 2);
  const thickness = Number(text(ds, 'x00180050') ?? NaN);
  return {
    transferSyntax,
    sopInstanceUid: text(ds, 'x00080018'),
    modality: text(ds, 'x00080060'),
    manufacturer: text(ds, 'x00080070'),
    manufacturerModelName: text(ds, 'x00081090'),
    bodyPartExamined: text(ds, 'x00180015'),
    patientAgeYears: ageInYears(text(ds, 'x00101010')),
    patientSex: text(ds, 'x00100040'),
    pixelSpacing: spacing as [number, number] | null,
    sopClassUid: text(ds, 'x00080016'),
    seriesInstanceUid: text(ds, 'x0020000e'),
    studyInstanceUid: text(ds, 'x0020000d'),
    accessionNumber: text(ds, 'x00080050'),
    imagePosition: decimals(ds, 'x00200032', 3) as [number, number, number] | null,
    imageOrientation: decimals(ds, 'x00200037', 6) as DicomDescription['imageOrientation'],
    sliceThickness: Number.isFinite(thickness) && thickness > 0 ? thickness : null,
    deidentification: findIdentifying(ds),
    burnedInAnnotation: text(ds, 'x00280301')?.toUpperCase() === 'YES',
  };
}

/** The parsed data set and what its header says. */
function header(bytes: Uint8Array, budget: DecodeBudget): { ds: dicomParser.DataSet; description: DicomDescription } {
  const ds = parse(bytes, budget);
  const transferSyntax = ds.string('x00020010')?.replace(/\0/g, '').trim() ?? IMPLICIT_LE;
  return { ds, description: describe(ds, transferSyntax) };
}

/** Runs `read`; a DicomUnreadable it throws carries the header's description (the file still enters the profile). */
function described<T>(description: DicomDescription, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DicomUnreadable) throw new DicomUnreadable(error.reason, error.message.slice(error.reason.length + 2), description);
    throw error;
  }
}

/**
 * Reads one DICOM file's header and gives access to its frames; throws
 * DicomUnreadable with the reason, carrying the header's description when
 * only the pixels failed. A compressed file's header is read, but its
 * frames only by readDicomImage, which decodes them.
 */
export function readDicom(bytes: Uint8Array, budget: DecodeBudget = DEFAULT_DECODE_BUDGET): DicomImage {
  const { ds, description } = header(bytes, budget);
  return described(description, () => pixelsOf(ds, description, budget, null));
}

/**
 * Reads one DICOM file with its frames, decoding a compressed file's frames
 * on the pool's threads (the event loop stays free); a frame that does not
 * decode makes the file unreadable under "undecodable <syntax>".
 */
export async function readDicomImage(bytes: Uint8Array, budget: DecodeBudget = DEFAULT_DECODE_BUDGET, pool: DecodePool = decodePool): Promise<DicomImage> {
  const { ds, description } = header(bytes, budget);
  const syntax = TRANSFER_SYNTAXES[description.transferSyntax];
  // Checked before any decoding: the header's sizes against the budget, the pixel data's presence.
  const image = described(description, () => pixelsOf(ds, description, budget, null));
  if (!syntax?.codec) return image;
  const { rows, columns, samplesPerPixel, frames } = image.header;
  const pixelData = ds.elements['x7fe00010']!;
  const bitsAllocated = ds.uint16('x00280100') ?? 0;
  let decoded: Uint8Array[];
  try {
    const encoded = Array.from({ length: frames }, (_, index) => encapsulatedFrame(ds, pixelData, index, frames));
    decoded = await pool.decode(syntax.codec, { rows, columns, samplesPerPixel, bitsAllocated }, encoded);
  } catch (error) {
    // A codec's refusal, or fragments dicom-parser cannot frame: the file is unreadable, its header still counts.
    const message = String((error as { exception?: string }).exception ?? (error as Error).message ?? error);
    if (error instanceof FrameDecodeError || !(error instanceof Error) || /fragment|offset|encapsulated|buffer/i.test(message))
      throw new DicomUnreadable(`undecodable ${syntax.name}`, message, description);
    throw error;
  }
  return described(description, () => pixelsOf(ds, description, budget, decoded));
}

/** One frame's compressed bytes: a single frame is all fragments; several need the offset table, or one fragment each. */
function encapsulatedFrame(ds: dicomParser.DataSet, pixelData: dicomParser.Element, index: number, frames: number): Uint8Array {
  const fragments = pixelData.fragments ?? [];
  if (frames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixelData, 0, fragments.length);
  if ((pixelData.basicOffsetTable ?? []).length === 0 && fragments.length === frames)
    return dicomParser.readEncapsulatedPixelDataFromFragments(ds, pixelData, index, 1);
  return dicomParser.readEncapsulatedImageFrame(ds, pixelData, index, dicomParser.createJPEGBasicOffsetTable(ds, pixelData));
}

function pixelsOf(ds: dicomParser.DataSet, description: DicomDescription, budget: DecodeBudget, decoded: readonly Uint8Array[] | null): DicomImage {
  const { transferSyntax } = description;
  const syntax = TRANSFER_SYNTAXES[transferSyntax];
  if (!syntax) throw new DicomUnreadable(`unsupported transfer syntax ${transferSyntax}`, 'no decoder for it here');
  const pixelData = ds.elements['x7fe00010'];
  if (!pixelData) throw new DicomUnreadable('no pixel data', 'the file has no Pixel Data (7FE0,0010)');
  const rows = integer(ds, 'x00280010', 'Rows', 'US');
  const columns = integer(ds, 'x00280011', 'Columns', 'US');
  const samplesPerPixel = integer(ds, 'x00280002', 'Samples per Pixel', 'US', 1);
  const bitsAllocated = integer(ds, 'x00280100', 'Bits Allocated', 'US');
  const bitsStored = integer(ds, 'x00280101', 'Bits Stored', 'US', bitsAllocated);
  const signed = integer(ds, 'x00280103', 'Pixel Representation', 'US', 0) === 1;
  const planar = integer(ds, 'x00280006', 'Planar Configuration', 'US', 0) === 1;
  const frames = integer(ds, 'x00280008', 'Number of Frames', 'IS', 1);
  try {
    requireValuesWithin(budget, { width: columns, height: rows, frames, channels: samplesPerPixel });
  } catch (error) {
    if (error instanceof OverDecodeBudget) throw new DicomUnreadable(error.reason, error.message);
    throw error;
  }
  if (![1, 8, 16, 32].includes(bitsAllocated)) throw new DicomUnreadable('unsupported pixel format', `Bits Allocated ${bitsAllocated}`);
  const slope = ds.floatString('x00281053') ?? 1;
  const intercept = ds.floatString('x00281052') ?? 0;
  const header: DicomHeader = { ...description, rows, columns, samplesPerPixel, frames, inverted: text(ds, 'x00280004') === 'MONOCHROME1' };
  const pixels = rows * columns;
  const bytesPerSample = bitsAllocated / 8;
  const frameBytes = bitsAllocated === 1 ? Math.ceil((pixels * samplesPerPixel) / 8) : pixels * samplesPerPixel * bytesPerSample;
  const bigEndian = transferSyntax === '1.2.840.10008.1.2.2';
  const rle = transferSyntax === '1.2.840.10008.1.2.5';
  // Decoded and RLE frames come interleaved and little endian, whatever the header's planar configuration says.
  const encapsulated = rle || syntax.codec !== undefined;
  if (!encapsulated && pixelData.length < frames * frameBytes && bitsAllocated !== 1) {
    throw new DicomUnreadable('truncated', `Pixel Data holds ${pixelData.length} bytes, ${frames} frames of ${rows}×${columns} need ${frames * frameBytes}`);
  }

  const raw = (index: number): Uint8Array => {
    if (syntax.codec) {
      if (!decoded) throw new DicomUnreadable(`${syntax.name} not decoded`, 'read the file with readDicomImage, which decodes it');
      return decoded[index]!;
    }
    if (rle) {
      const encoded = dicomParser.readEncapsulatedImageFrame(ds, pixelData, index, dicomParser.createJPEGBasicOffsetTable(ds, pixelData));
      return decodeRleFrame(new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength), pixels, samplesPerPixel, bytesPerSample);
    }
    const start = pixelData.dataOffset + index * frameBytes;
    return ds.byteArray.subarray(start, start + frameBytes);
  };

  return {
    header,
    frame(index) {
      if (!(index >= 0 && index < frames)) throw new RangeError(`frame ${index} of ${frames}`);
      const bytes = raw(index);
      const count = pixels * samplesPerPixel;
      const out = new Float32Array(count);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const shift = bitsAllocated - bitsStored;
      for (let i = 0; i < count; i++) {
        let v: number;
        if (bitsAllocated === 1) v = (bytes[i >> 3]! >> (i & 7)) & 1;
        else if (bitsAllocated === 8) v = signed ? view.getInt8(i) : bytes[i]!;
        else if (bitsAllocated === 16)
          v = signed ? (view.getInt16(i * 2, !bigEndian) << (16 + shift)) >> (16 + shift) : view.getUint16(i * 2, !bigEndian) & (0xffff >>> shift);
        else v = signed ? view.getInt32(i * 4, !bigEndian) : view.getUint32(i * 4, !bigEndian);
        out[i] = v * slope + intercept;
      }
      // Planar configuration 1 stores RRR…GGG…BBB…; everything downstream takes samples interleaved.
      if (planar && samplesPerPixel > 1 && !encapsulated) {
        const interleaved = new Float32Array(count);
        for (let p = 0; p < pixels; p++) for (let s = 0; s < samplesPerPixel; s++) interleaved[p * samplesPerPixel + s] = out[s * pixels + p]!;
        return interleaved;
      }
      return out;
    },
  };
}
