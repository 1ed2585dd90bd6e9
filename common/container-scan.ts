import { createHash } from 'node:crypto';

import { ConsiliumError, describeError } from './errors.js';
import {
  bytesPerValueOf,
  checkHeaderLength,
  CONTAINER_PREFIX_BYTES as PREFIX_BYTES,
  type ContainerHeader,
  containerHeaderBytes,
  DATA_HASH_MISMATCH,
  decodeValueBytesInto,
  parseContainerHeader,
  type TensorEntry,
} from './tensor-codec.js';

/** An update container as its bytes showed it to be, learnt while they arrived. */
export interface ContainerScan {
  header: ContainerHeader;
  /** The first non-finite value, named with its tensor and index, or null: one NaN would poison the global model. */
  nonFinite: string | null;
  /** The L2 norm over every value, squares summed in float64 in layout order (updateChecks.maxNorm compares it). */
  l2Norm: number;
}

/**
 * Checks an update container in one pass over its bytes, in order, as they
 * arrive: the SHA-256 of the whole, the header, the data's own SHA-256, every
 * value finite, and the L2 norm. The transport feeds it each chunk it
 * writes, so an upload is validated by the time its last byte lands and is
 * never read back or held whole. Its tensors must lie in the data in header
 * order, as encodeTensors lays them out. A malformed container is not an
 * exception here but the scan's result, for the update's receipt.
 */
export class ContainerScanner {
  private readonly whole = createHash('sha256');
  private readonly data = createHash('sha256');
  private received = 0;
  private head: Uint8Array = new Uint8Array(0);
  private layout: { header: ContainerHeader; dataStart: number } | null = null;
  private failure: string | null = null;
  /** The tensor whose bytes come next, the bytes of a value split between chunks, and that value's index. */
  private tensor = 0;
  private readonly carry = new Uint8Array(4);
  private carried = 0;
  private index = 0;
  private sumSquares = 0;
  private nonFinite: string | null = null;
  private aligned = new Float32Array(0);

  constructor(private readonly totalBytes: number) {}

  feed(bytes: Uint8Array): void {
    this.whole.update(bytes);
    const position = this.received;
    this.received += bytes.length;
    if (this.failure) return;
    try {
      this.scan(bytes, position);
    } catch (error) {
      this.failure = describeError(error);
    }
  }

  /** After the last byte: the whole container's SHA-256, and the scan or why the container is malformed. */
  finish(): { sha256: string; result: { ok: true; scan: ContainerScan } | { ok: false; reason: string } } {
    const sha256 = this.whole.digest('hex');
    let reason = this.failure;
    if (!reason && !this.layout) reason = `tensor container ends after ${this.received} bytes, inside its header`;
    if (!reason && this.data.digest('hex') !== this.layout!.header.dataSha256) reason = DATA_HASH_MISMATCH;
    if (reason) return { sha256, result: { ok: false, reason } };
    return { sha256, result: { ok: true, scan: { header: this.layout!.header, nonFinite: this.nonFinite, l2Norm: Math.sqrt(this.sumSquares) } } };
  }

  private scan(bytes: Uint8Array, position: number): void {
    let at = 0;
    if (!this.layout) {
      // The header is kept until it is whole, once its length was checked against the container's declared size.
      const take = (upTo: number): void => {
        const more = Math.max(0, Math.min(bytes.length - at, upTo - this.head.length));
        this.head = concat(this.head, bytes.subarray(at, at + more));
        at += more;
      };
      take(PREFIX_BYTES);
      if (this.head.length < PREFIX_BYTES) return;
      const dataStart = containerHeaderBytes(this.head);
      checkHeaderLength(dataStart, this.totalBytes);
      take(dataStart);
      if (this.head.length < dataStart) return;
      this.layout = parseContainerHeader(this.head, this.totalBytes);
      checkInOrder(this.layout.header.tensors);
      this.head = new Uint8Array(0);
    }
    const rest = bytes.subarray(at);
    this.data.update(rest);
    this.values(rest, position + at - this.layout.dataStart);
  }

  /** Decodes the values among `bytes`, which start at `offset` in the data section; padding between tensors is skipped. */
  private values(bytes: Uint8Array, offset: number): void {
    const tensors = this.layout!.header.tensors;
    let at = 0;
    while (at < bytes.length && this.tensor < tensors.length) {
      const entry = tensors[this.tensor]!;
      const end = entry.offset + entry.byteLength;
      const from = Math.max(offset + at, entry.offset);
      if (from >= end) {
        this.tensor++;
        continue;
      }
      const to = Math.min(end, offset + bytes.length);
      if (from < to) this.run(entry, bytes.subarray(from - offset, to - offset));
      at = to - offset;
    }
  }

  /** Bytes of one tensor, in order: whole values folded into the norm, a split one carried to the next chunk. */
  private run(entry: TensorEntry, bytes: Uint8Array): void {
    const width = bytesPerValueOf(entry.encoding);
    let at = 0;
    if (this.carried > 0) {
      at = Math.min(bytes.length, width - this.carried);
      this.carry.set(bytes.subarray(0, at), this.carried);
      this.carried += at;
      if (this.carried < width) return;
      this.fold(entry, this.carry.subarray(0, width));
      this.carried = 0;
    }
    const whole = Math.floor((bytes.length - at) / width) * width;
    if (whole > 0) this.fold(entry, bytes.subarray(at, at + whole));
    this.carry.set(bytes.subarray(at + whole), 0);
    this.carried = bytes.length - at - whole;
  }

  /** Whole values of one tensor, widened into aligned float32 memory and folded in order. */
  private fold(entry: TensorEntry, bytes: Uint8Array): void {
    const count = bytes.length / bytesPerValueOf(entry.encoding);
    if (this.aligned.length < count) this.aligned = new Float32Array(Math.max(count, 65_536));
    const values = decodeValueBytesInto(bytes, entry.encoding, this.aligned.subarray(0, count));
    this.sumSquares = sumSquares(values, this.sumSquares);
    // A sum that stops being finite is the cheap sign of a non-finite value (float32 squares cannot overflow a double).
    if (this.nonFinite === null && !Number.isFinite(this.sumSquares)) {
      const i = values.findIndex((v) => !Number.isFinite(v));
      this.nonFinite = `tensor "${entry.name}" holds a non-finite value (${values[i]}) at index ${this.index + i}`;
    }
    this.index += count;
    if (this.index === entry.byteLength / bytesPerValueOf(entry.encoding)) this.index = 0;
  }
}

/** `sum` plus the squares of `values`, added in order. */
function sumSquares(values: Float32Array, sum: number): number {
  for (let i = 0; i < values.length; i++) sum += values[i]! * values[i]!;
  return sum;
}

function checkInOrder(tensors: readonly TensorEntry[]): void {
  for (let i = 1; i < tensors.length; i++) {
    if (tensors[i]!.offset < tensors[i - 1]!.offset + tensors[i - 1]!.byteLength) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `tensor "${tensors[i]!.name}" starts inside or before "${tensors[i - 1]!.name}"; an update's tensors must lie in header order, as encodeTensors writes them`,
      );
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
