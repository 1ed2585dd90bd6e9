import { ConsiliumError } from '../../common/errors.js';
import type { BlobReader } from './storage.port.js';

/** Fills `into` from `position` of a blob; a blob that ends sooner is an error naming `what`, never a short read. */
export function readFully(reader: BlobReader, into: Uint8Array, position: number, what: string): void {
  for (let done = 0; done < into.length;) {
    const read = reader.read(into.subarray(done), position + done);
    if (read === 0) throw new ConsiliumError('INTERNAL', `${what} ends at byte ${position + done}, before the ${into.length} bytes read from byte ${position}`);
    done += read;
  }
}
