import { describe, expect, it } from 'vitest';

import { ContainerScanner } from '../../common/container-scan.js';
import { sha256Hex } from '../../common/hashing.js';
import { seededRandom } from '../../common/seeded-random.js';
import { decodeTensors, encodeTensors, type NamedTensor, readContainerHeader, type TensorEncoding } from '../../common/tensor-codec.js';

/** The reference: every value decoded at once, squares summed in order in float64. */
const l2Norm = (tensors: NamedTensor[]): number => Math.sqrt(tensors.reduce((sum, t) => t.values.reduce((s, v) => s + v * v, sum), 0));

/** Feeds the container in chunks of the given sizes, cycling through them. */
function scanInChunks(container: Uint8Array, sizes: number[]) {
  const scanner = new ContainerScanner(container.length);
  for (let at = 0, k = 0; at < container.length; k++) {
    const size = sizes[k % sizes.length]!;
    // A copy at an odd byte offset, as chunks of a gRPC message arrive.
    const chunk = new Uint8Array(size + 1).subarray(1);
    chunk.set(container.subarray(at, at + size));
    scanner.feed(chunk.subarray(0, Math.min(size, container.length - at)));
    at += size;
  }
  return scanner.finish();
}

const random = seededRandom(11);
// Odd lengths, so tensors are followed by padding, and a value of every tensor straddles most chunk borders.
const tensors = (): NamedTensor[] => [
  { name: 'conv/kernel', shape: [3, 3, 1, 5], values: Float32Array.from({ length: 45 }, () => random() * 4 - 2) },
  { name: 'conv/bias', shape: [5], values: Float32Array.from({ length: 5 }, () => random() - 0.5) },
  { name: 'dense/kernel', shape: [1001], values: Float32Array.from({ length: 1001 }, () => random() * 1e-3) },
];

describe('scanning an update container as it arrives', () => {
  for (const encoding of ['float32', 'float16'] as TensorEncoding[]) {
    it(`finds what decoding the whole would find, in any chunking (${encoding})`, () => {
      const container = encodeTensors(tensors(), encoding);
      const decoded = decodeTensors(container);
      for (const sizes of [[1], [3, 7], [13, 4096], [container.length]]) {
        const { sha256, result } = scanInChunks(container, sizes);
        expect(sha256).toBe(sha256Hex(container));
        expect(result).toEqual({ ok: true, scan: { header: readContainerHeader(container).header, nonFinite: null, l2Norm: l2Norm(decoded) } });
      }
    });
  }

  it('measures the L2 norm over every tensor', () => {
    // √(3² + 4² + 12²) = 13
    const container = encodeTensors([
      { name: 'w', shape: [2], values: Float32Array.of(3, 4) },
      { name: 'b', shape: [1], values: Float32Array.of(12) },
    ]);
    expect(scanInChunks(container, [3]).result).toMatchObject({ ok: true, scan: { l2Norm: 13, nonFinite: null } });
  });

  it('names the first non-finite value, one NaN being enough to poison the global model', () => {
    const t = tensors();
    t[2]!.values[700] = -Infinity;
    t[2]!.values[900] = NaN;
    expect(scanInChunks(encodeTensors(t), [5, 64]).result).toMatchObject({
      ok: true,
      scan: { nonFinite: 'tensor "dense/kernel" holds a non-finite value (-Infinity) at index 700' },
    });
    const first = tensors();
    first[0]!.values[3] = NaN;
    expect(scanInChunks(encodeTensors(first, 'float16'), [7]).result).toMatchObject({
      ok: true,
      scan: { nonFinite: 'tensor "conv/kernel" holds a non-finite value (NaN) at index 3' },
    });
  });

  it('refuses containers that are not what they claim, with the reason for the receipt', () => {
    const container = encodeTensors(tensors());
    const corrupt = Buffer.from(container);
    corrupt[corrupt.length - 5]! ^= 0xff;
    expect(scanInChunks(corrupt, [100]).result).toEqual({
      ok: false,
      reason: 'tensor container data does not match its SHA-256: it was corrupted in transit or storage',
    });
    const notContainer = Buffer.from('definitely not a tensor container');
    expect(scanInChunks(notContainer, [4]).result).toEqual({ ok: false, reason: 'not a Consilium tensor container: the magic bytes "CNSLTNS1" are missing' });
    const huge = Buffer.from(container.subarray(0, 12));
    huge.writeUInt32LE(2 ** 31, 8);
    expect(scanInChunks(huge, [12]).result).toEqual({ ok: false, reason: `tensor container header claims ${2 ** 31} bytes, more than the container holds` });
    expect(new ContainerScanner(100).finish().result).toEqual({ ok: false, reason: 'tensor container ends after 0 bytes, inside its header' });
  });
});
