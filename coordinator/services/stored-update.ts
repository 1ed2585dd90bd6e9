import { bytesPerValueOf, containerHeaderBytes, decodeTensors, decodeValueBytes, elementCount, parseContainerHeader, type ContainerHeader } from '../../common/tensor-codec.js';
import type { StrategyUpdate } from '../domain/strategies/strategy.js';
import type { FsBlobStore } from '../persistence/blob-store.js';
import type { UpdateEntity } from '../persistence/entities/index.js';

/**
 * An accepted update as a strategy reads it: whole, or a slice of its flat
 * parameter vector read straight from the blob file (robust strategies never
 * load every update). `scale` < 1 clips the update to the run's norm bound.
 * The blob's SHA-256 was checked when the update was accepted, and the store
 * is content-addressed, so slices skip re-hashing the whole file.
 */
export function storedUpdate(blobs: FsBlobStore, update: UpdateEntity, scale: number): StrategyUpdate {
  let located: Promise<{ header: ContainerHeader; dataStart: number }> | null = null;
  const locate = async () => {
    const size = await blobs.size(update.sha256);
    const prefixLength = containerHeaderBytes(await blobs.readRange(update.sha256, 0, 12));
    return parseContainerHeader(await blobs.readRange(update.sha256, 0, prefixLength), size);
  };
  const scaled = (values: Float32Array): Float32Array => {
    if (scale !== 1) for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale;
    return values;
  };
  return {
    siteId: update.siteId,
    sampleCount: update.sampleCount,
    async read() {
      return decodeTensors(await blobs.get(update.sha256)).map((t) => ({ ...t, values: scaled(t.values) }));
    },
    async readSlice(start, end) {
      located ??= locate();
      const { header, dataStart } = await located;
      const out = new Float32Array(end - start);
      let offset = 0;
      for (const entry of header.tensors) {
        const count = elementCount(entry.shape);
        const from = Math.max(start, offset);
        const to = Math.min(end, offset + count);
        if (from < to) {
          const width = bytesPerValueOf(entry.encoding);
          const bytes = await blobs.readRange(update.sha256, dataStart + entry.offset + (from - offset) * width, (to - from) * width);
          out.set(decodeValueBytes(bytes, entry.encoding), from - start);
        }
        offset += count;
        if (offset >= end) break;
      }
      return scaled(out);
    },
  };
}
