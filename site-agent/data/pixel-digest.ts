import { createHash } from 'node:crypto';

/** SHA-256 of decoded pixel values: the same image in two encodings (PNG and JPEG-lossless, or four DICOM transfer syntaxes) has one digest. */
export function pixelDigest(values: Float32Array | Uint8Array, shape: readonly number[] = []): string {
  return createHash('sha256')
    .update(shape.join('x'))
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest('hex');
}
