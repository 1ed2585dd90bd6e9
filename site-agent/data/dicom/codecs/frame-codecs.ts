import { createRequire } from 'node:module';

import { FrameDecodeError } from './frame-errors.js';
import { decodeJpeg12, isStartOfFrame } from './jpeg12.js';

const require = createRequire(import.meta.url);

/** Which decoder a compressed transfer syntax needs. */
export type Codec = 'jpeg' | 'jpeg-lossless' | 'jpeg-ls' | 'jpeg-2000';

/** What the header says a frame holds; the decoded frame must agree. */
export interface FrameLayout {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** 8 or 16: the width of each decoded sample. */
  bitsAllocated: number;
}

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}

/** The Emscripten decoders of the cornerstone codec packages: bitstream in, pixels out, in WebAssembly memory. */
interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getInterleaveMode?(): number;
  delete(): void;
}

type DecoderClass = new () => WasmDecoder;

const modules = new Map<string, Promise<DecoderClass>>();

/** One codec module, instantiated once per thread (compiling the WebAssembly takes tens of milliseconds). */
function wasmDecoder(specifier: string, name: string): Promise<DecoderClass> {
  let loaded = modules.get(specifier);
  if (!loaded) {
    const factory = require(specifier) as (options: { print: () => void; printErr: () => void }) => Promise<Record<string, DecoderClass>>;
    // OpenJPEG narrates every header it reads on stderr; a failure still reaches us as the decoder's exception.
    loaded = factory({ print: () => undefined, printErr: () => undefined }).then((module) => module[name]!);
    modules.set(specifier, loaded);
  }
  return loaded;
}

async function runWasm(specifier: string, name: string, encoded: Uint8Array): Promise<{ info: FrameInfo; pixels: Uint8Array; interleave: number }> {
  const Decoder = await wasmDecoder(specifier, name);
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    // Copied out: the decoder's memory is freed with it.
    return { info: decoder.getFrameInfo(), pixels: decoder.getDecodedBuffer().slice(), interleave: decoder.getInterleaveMode?.() ?? 2 };
  } catch (error) {
    // Emscripten throws a pointer (a number) or a message string, not an Error.
    throw new FrameDecodeError(typeof error === 'string' ? error : error instanceof Error ? error.message : `the ${name} failed (code ${String(error)})`);
  } finally {
    decoder.delete();
  }
}

/** The sample precision in a JPEG stream's start-of-frame marker (8 or 12 for DCT processes, 2..16 for lossless). */
export function jpegPrecision(encoded: Uint8Array): number {
  for (let at = 2; at + 4 < encoded.length;) {
    if (encoded[at] !== 0xff) throw new FrameDecodeError(`no JPEG marker at byte ${at}`);
    const marker = encoded[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (isStartOfFrame(marker)) return encoded[at + 4]!;
    at += 2 + ((encoded[at + 2]! << 8) | encoded[at + 3]!);
  }
  throw new FrameDecodeError('the JPEG stream has no start-of-frame marker');
}

/** CharLS gives line- and sample-interleaved images pixel by pixel, but an image of interleave mode 0 plane by plane. */
function interleaved(values: Uint8Array | Uint16Array, info: FrameInfo, mode: number): Uint8Array | Uint16Array {
  const { width, height, componentCount: c } = info;
  if (c === 1 || mode !== 0) return values;
  const plane = width * height;
  const out = new (values.constructor as Uint16ArrayConstructor)(values.length);
  for (let p = 0; p < plane; p++) for (let s = 0; s < c; s++) out[p * c + s] = values[s * plane + p]!;
  return out;
}

function asBytes(values: Uint8Array | Uint16Array | Int16Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** 8-bit samples where the header allocates 16 bits are widened, 16-bit ones where it allocates 8 narrowed. */
function toAllocated(values: Uint8Array | Uint16Array, bitsAllocated: number): Uint8Array {
  if (bitsAllocated === 16 && values instanceof Uint8Array) return asBytes(Uint16Array.from(values));
  if (bitsAllocated === 8 && !(values instanceof Uint8Array)) return Uint8Array.from(values);
  return asBytes(values);
}

/** The decoded samples as the header's Bits Allocated lays them out, once the decoded size is the header's. */
function checked(layout: FrameLayout, width: number, height: number, components: number, values: Uint8Array | Uint16Array): Uint8Array {
  if (width !== layout.columns || height !== layout.rows || components !== layout.samplesPerPixel)
    throw new FrameDecodeError(
      `the frame decodes to ${width}×${height}×${components}, the header says ${layout.columns}×${layout.rows}×${layout.samplesPerPixel}`,
    );
  const bytes = toAllocated(values, layout.bitsAllocated);
  const expected = width * height * components * (layout.bitsAllocated / 8);
  if (bytes.length !== expected) throw new FrameDecodeError(`the frame decodes to ${bytes.length} bytes, not ${expected}`);
  return bytes;
}

/**
 * One compressed frame decoded to little-endian samples of the header's
 * Bits Allocated, interleaved: the layout an uncompressed frame has, so the
 * rest of the reader treats both alike. JPEG of 8 bits goes to libjpeg-turbo,
 * of 12 bits (DICOM's JPEG Extended) to our own decoder, JPEG Lossless to
 * jpeg-lossless-decoder-js, JPEG-LS to CharLS, JPEG 2000 to OpenJPEG.
 */
export async function decodeFrame(codec: Codec, encoded: Uint8Array, layout: FrameLayout): Promise<Uint8Array> {
  if (layout.bitsAllocated !== 8 && layout.bitsAllocated !== 16) throw new FrameDecodeError(`Bits Allocated ${layout.bitsAllocated} in a compressed frame`);
  switch (codec) {
    case 'jpeg': {
      if (jpegPrecision(encoded) === 12) {
        const image = decodeJpeg12(encoded);
        return checked(layout, image.width, image.height, image.components, image.samples);
      }
      const { info, pixels } = await runWasm('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs', 'JPEGDecoder', encoded);
      return checked(layout, info.width, info.height, info.componentCount, pixels);
    }
    case 'jpeg-lossless': {
      const { Decoder } = require('jpeg-lossless-decoder-js') as { Decoder: new () => LosslessDecoder };
      const decoder = new Decoder();
      let values: Uint8Array | Uint16Array;
      try {
        const buffer = decoder.decompress(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.byteLength);
        values = decoder.numBytes === 1 ? new Uint8Array(buffer) : new Uint16Array(buffer);
      } catch (error) {
        throw new FrameDecodeError(`JPEG Lossless: ${error instanceof Error ? error.message : String(error)}`);
      }
      return checked(layout, decoder.xDim, decoder.yDim, decoder.numComp, values);
    }
    case 'jpeg-ls':
    case 'jpeg-2000': {
      const [specifier, name] =
        codec === 'jpeg-ls' ? ['@cornerstonejs/codec-charls/decodewasmjs', 'JpegLSDecoder'] : ['@cornerstonejs/codec-openjpeg/decodewasmjs', 'J2KDecoder'];
      const { info, pixels, interleave } = await runWasm(specifier, name, encoded);
      const samples = info.bitsPerSample > 8 ? new Uint16Array(pixels.buffer, pixels.byteOffset, pixels.byteLength / 2) : pixels;
      return checked(layout, info.width, info.height, info.componentCount, interleaved(samples, info, interleave));
    }
  }
}

interface LosslessDecoder {
  decompress(buffer: ArrayBuffer, offset: number, length: number): ArrayBuffer;
  xDim: number;
  numBytes: number;
  yDim: number;
  numComp: number;
}
