import { describe, expect, it } from 'vitest';

import { ChunkAssembler, chunksOf } from '../../common/chunking.js';
import { FLOAT16_RELATIVE_ERROR, float16BitsToFloat32, float32ToFloat16Bits } from '../../common/float16.js';
import { sha256Hex } from '../../common/hashing.js';
import { seededNormal, seededRandom } from '../../common/seeded-random.js';
import { decodeTensors, encodeTensors, type NamedTensor, readContainerHeader } from '../../common/tensor-codec.js';

const tensors = (): NamedTensor[] => [
  { name: 'conv/kernel', shape: [3, 3, 1, 2], values: Float32Array.from({ length: 18 }, (_, i) => i * 0.25 - 2) },
  { name: 'conv/bias', shape: [2], values: Float32Array.from([1.5, -3]) },
  { name: 'scalar', shape: [], values: Float32Array.from([42]) },
];

describe('tensor codec', () => {
  it('round-trips float32 exactly, with names, shapes and 8-byte aligned offsets', () => {
    const container = encodeTensors(tensors());
    const { header } = readContainerHeader(container);
    expect(header.tensors.map((t) => [t.name, t.offset, t.byteLength])).toEqual([
      ['conv/kernel', 0, 72],
      ['conv/bias', 72, 8],
      ['scalar', 80, 4],
    ]);
    expect(header.dataBytes).toBe(88);
    const decoded = decodeTensors(container);
    expect(decoded).toEqual(tensors());
  });

  it('keeps float16 within half a unit in the last place', () => {
    const random = seededNormal(seededRandom(7));
    const values = Float32Array.from({ length: 10_000 }, () => random() * 10);
    const [decoded] = decodeTensors(encodeTensors([{ name: 'w', shape: [10_000], values }], 'float16'));
    let worst = 0;
    values.forEach((v, i) => {
      if (Math.abs(v) > 6.2e-5) worst = Math.max(worst, Math.abs(decoded!.values[i]! - v) / Math.abs(v));
    });
    expect(worst).toBeLessThanOrEqual(FLOAT16_RELATIVE_ERROR);
    expect(worst).toBeGreaterThan(0);
  });

  it('converts float16 edge cases exactly', () => {
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
    expect(float16BitsToFloat32(0x0001)).toBe(2 ** -24);
    expect(float16BitsToFloat32(float32ToFloat16Bits(2 ** -24))).toBe(2 ** -24);
    expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(NaN)))).toBe(true);
    // 1 + 2^-11 is exactly halfway between 1 and the next half; ties go to even (1).
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00);
  });

  it('detects a flipped byte in the data by its SHA-256', () => {
    const container = encodeTensors(tensors());
    container[container.length - 5]! ^= 0x01;
    expect(() => decodeTensors(container)).toThrow(/does not match its SHA-256/);
  });

  it('refuses a container that is not one, or is cut short', () => {
    expect(() => decodeTensors(Buffer.from('hello world, not tensors'))).toThrow(/magic bytes/);
    const container = encodeTensors(tensors());
    expect(() => decodeTensors(container.subarray(0, container.length - 8))).toThrow(/data is 80 bytes but its header says 88/);
  });

  it('refuses a tensor whose values do not fill its shape', () => {
    expect(() => encodeTensors([{ name: 'w', shape: [2, 2], values: new Float32Array(3) }])).toThrow(/shape \[2, 2\] \(4 values\) but 3 values/);
  });
});

describe('chunking', () => {
  it('splits from an offset and reassembles with size and SHA-256 checks', () => {
    const data = Buffer.from(Array.from({ length: 2500 }, (_, i) => i % 251));
    const chunks = [...chunksOf(data, 1024)];
    expect(chunks.map((c) => [c.offset, c.data.length])).toEqual([
      [0, 1024],
      [1024, 1024],
      [2048, 452],
    ]);
    expect([...chunksOf(data, 1024, 2000)].map((c) => c.offset)).toEqual([2000]);
    const assembler = new ChunkAssembler(data.length, 'update');
    for (const c of chunks) assembler.add(c.data);
    expect(assembler.finish(sha256Hex(data)).equals(data)).toBe(true);
  });

  it('stops a sender at the first byte beyond the declared size, and on a wrong hash', () => {
    const assembler = new ChunkAssembler(10, 'update');
    assembler.add(new Uint8Array(8));
    expect(() => assembler.add(new Uint8Array(3))).toThrow(/larger than the 10 bytes/);
    const other = new ChunkAssembler(4, 'update');
    other.add(new Uint8Array(4));
    expect(() => other.finish('0'.repeat(64))).toThrow(/SHA-256 mismatch/);
  });
});
