import { endianness } from 'node:os';

import { z } from 'zod';

import { ConsiliumError } from './errors.js';
import { float16BitsToFloat32, float32ToFloat16Bits } from './float16.js';
import { sha256Hex } from './hashing.js';

/**
 * The tensor container of DESIGN.md, "Wire format for tensors": a header
 * (names, shapes, dtypes, encodings, byte offsets, SHA-256 of the data)
 * followed by the raw little-endian bytes. Models and updates are both stored
 * and sent in this form; gRPC only ever carries slices of it.
 *
 *   bytes 0..7    magic "CNSLTNS1"
 *   bytes 8..11   header length H (uint32 LE)
 *   bytes 12..    header, UTF-8 JSON, padded with spaces to a multiple of 8
 *   then          data section: each tensor's bytes at its offset, 8-aligned
 */
export const TENSOR_ENCODINGS = ['float32', 'float16'] as const;
export type TensorEncoding = (typeof TENSOR_ENCODINGS)[number];

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

// Float32 data is copied as raw memory, which is little-endian only on little-endian hosts.
if (endianness() !== 'LE') throw new Error('Consilium needs a little-endian host');

const MAGIC = Buffer.from('CNSLTNS1', 'ascii');
const PREFIX_BYTES = MAGIC.length + 4;
/** Magic and header length: the bytes a reader needs before it knows how long the header is. */
export const CONTAINER_PREFIX_BYTES = PREFIX_BYTES;
/** A header can name thousands of tensors, but not this many bytes' worth. */
const MAX_HEADER_BYTES = 16 * 1024 * 1024;

const entrySchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.literal('float32'),
  encoding: z.enum(TENSOR_ENCODINGS),
  offset: z.number().int().nonnegative(),
  byteLength: z.number().int().nonnegative(),
});
export type TensorEntry = z.infer<typeof entrySchema>;

const headerSchema = z.object({
  format: z.literal('consilium.tensors/1'),
  tensors: z.array(entrySchema),
  dataBytes: z.number().int().nonnegative(),
  dataSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ContainerHeader = z.infer<typeof headerSchema>;

const bytesPerValue: Record<TensorEncoding, number> = { float32: 4, float16: 2 };

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

export function encodeTensors(tensors: readonly NamedTensor[], encoding: TensorEncoding = 'float32'): Buffer {
  const entries: TensorEntry[] = [];
  let offset = 0;
  const seen = new Set<string>();
  for (const tensor of tensors) {
    if (seen.has(tensor.name)) {
      throw new ConsiliumError('INVALID_ARGUMENT', `tensor name "${tensor.name}" appears twice; names must be unique`);
    }
    seen.add(tensor.name);
    const count = elementCount(tensor.shape);
    if (count !== tensor.values.length) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `tensor "${tensor.name}" has shape [${tensor.shape.join(', ')}] (${count} values) but ${tensor.values.length} values`,
      );
    }
    const byteLength = count * bytesPerValue[encoding];
    entries.push({ name: tensor.name, shape: [...tensor.shape], dtype: 'float32', encoding, offset, byteLength });
    offset = align8(offset + byteLength);
  }
  const data = Buffer.alloc(offset);
  tensors.forEach((tensor, i) => writeValues(data, entries[i]!, tensor.values));

  const header: ContainerHeader = {
    format: 'consilium.tensors/1',
    tensors: entries,
    dataBytes: data.length,
    dataSha256: sha256Hex(data),
  };
  let headerText = JSON.stringify(header);
  const headerBytes = align8(Buffer.byteLength(headerText) + PREFIX_BYTES) - PREFIX_BYTES;
  headerText = headerText.padEnd(headerBytes, ' ');
  const prefix = Buffer.alloc(PREFIX_BYTES);
  MAGIC.copy(prefix, 0);
  prefix.writeUInt32LE(headerBytes, MAGIC.length);
  return Buffer.concat([prefix, Buffer.from(headerText, 'utf8'), data]);
}

function writeValues(data: Buffer, entry: TensorEntry, values: Float32Array): void {
  if (entry.encoding === 'float32') {
    Buffer.from(values.buffer, values.byteOffset, values.byteLength).copy(data, entry.offset);
  } else {
    for (let i = 0; i < values.length; i++) data.writeUInt16LE(float32ToFloat16Bits(values[i]!), entry.offset + i * 2);
  }
}

/** Bytes before the header (magic + header length) and the header itself: what a reader needs to locate tensors. */
export function containerHeaderBytes(prefix: Uint8Array): number {
  const buf = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  if (buf.length < PREFIX_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new ConsiliumError('INVALID_ARGUMENT', 'not a Consilium tensor container: the magic bytes "CNSLTNS1" are missing');
  }
  return PREFIX_BYTES + buf.readUInt32LE(MAGIC.length);
}

/** Refuses a header longer than the container, or than any honest header, before anyone buffers it. */
export function checkHeaderLength(dataStart: number, totalBytes: number): void {
  const headerBytes = dataStart - PREFIX_BYTES;
  if (headerBytes > MAX_HEADER_BYTES || dataStart > totalBytes) {
    throw new ConsiliumError('INVALID_ARGUMENT', `tensor container header claims ${headerBytes} bytes, more than the container holds`);
  }
}

/**
 * Parses and checks the header from the container's first bytes, given the
 * container's total size: enough to read single tensors or slices of them
 * from a file without loading the rest.
 */
export function parseContainerHeader(prefix: Uint8Array, totalBytes: number): { header: ContainerHeader; dataStart: number } {
  const dataStart = containerHeaderBytes(prefix);
  checkHeaderLength(dataStart, Math.min(totalBytes, prefix.byteLength));
  const buf = Buffer.from(prefix.buffer, prefix.byteOffset, prefix.byteLength);
  let parsed: unknown;
  try {
    parsed = JSON.parse(buf.subarray(PREFIX_BYTES, dataStart).toString('utf8'));
  } catch {
    throw new ConsiliumError('INVALID_ARGUMENT', 'tensor container header is not valid JSON');
  }
  const result = headerSchema.safeParse(parsed);
  if (!result.success) throw ConsiliumError.fromZod('tensor container header', result.error);
  const header = result.data;
  if (totalBytes - dataStart !== header.dataBytes) {
    throw new ConsiliumError('INVALID_ARGUMENT', `tensor container data is ${totalBytes - dataStart} bytes but its header says ${header.dataBytes}`);
  }
  for (const entry of header.tensors) {
    const expected = elementCount(entry.shape) * bytesPerValue[entry.encoding];
    if (entry.byteLength !== expected || entry.offset + entry.byteLength > header.dataBytes) {
      throw new ConsiliumError('INVALID_ARGUMENT', `tensor "${entry.name}" lies outside the container's data or has the wrong length`);
    }
  }
  return { header, dataStart };
}

/** Reads and checks the header without touching the data; cheap enough to validate an update before decoding it. */
export function readContainerHeader(container: Uint8Array): { header: ContainerHeader; dataStart: number } {
  return parseContainerHeader(container, container.byteLength);
}

export function bytesPerValueOf(encoding: TensorEncoding): number {
  return bytesPerValue[encoding];
}

/** Decodes raw little-endian values of one encoding (a whole tensor or a run of it) to float32. */
export function decodeValueBytes(bytes: Uint8Array, encoding: TensorEncoding): Float32Array {
  return decodeValueBytesInto(bytes, encoding, new Float32Array(bytes.byteLength / bytesPerValue[encoding]));
}

/** decodeValueBytes into memory the caller owns (`out` holds exactly the values `bytes` encodes); returns `out`. */
export function decodeValueBytesInto(bytes: Uint8Array, encoding: TensorEncoding, out: Float32Array): Float32Array {
  if (encoding === 'float32') {
    new Uint8Array(out.buffer, out.byteOffset, out.byteLength).set(bytes);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < out.length; i++) out[i] = float16BitsToFloat32(view.getUint16(i * 2, true));
  }
  return out;
}

export const DATA_HASH_MISMATCH = 'tensor container data does not match its SHA-256: it was corrupted in transit or storage';

/** Decodes every tensor to float32, after checking the data's SHA-256 against the header. */
export function decodeTensors(container: Uint8Array): NamedTensor[] {
  const { header, dataStart } = readContainerHeader(container);
  const buf = Buffer.from(container.buffer, container.byteOffset, container.byteLength);
  const data = buf.subarray(dataStart);
  if (sha256Hex(data) !== header.dataSha256) {
    throw new ConsiliumError('INVALID_ARGUMENT', DATA_HASH_MISMATCH);
  }
  return header.tensors.map((entry) => ({ name: entry.name, shape: entry.shape, values: readValues(data, entry) }));
}

function readValues(data: Buffer, entry: TensorEntry): Float32Array {
  // A copy into fresh, aligned memory; the source may sit at any offset of a pooled Buffer.
  return decodeValueBytes(data.subarray(entry.offset, entry.offset + entry.byteLength), entry.encoding);
}
