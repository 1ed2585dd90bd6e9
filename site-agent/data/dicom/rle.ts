/**
 * DICOM RLE Lossless (PS3.5 annex G): a 64-byte header with the segment
 * count and up to 15 segment offsets, then PackBits-coded segments, one per
 * byte plane (most significant byte first) of each sample. Returns the
 * frame's samples interleaved, little endian.
 */
export function decodeRleFrame(frame: Uint8Array, pixels: number, samplesPerPixel: number, bytesPerSample: number): Uint8Array {
  if (frame.length < 64) throw new Error('RLE frame is shorter than its 64-byte header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== samplesPerPixel * bytesPerSample) {
    throw new Error(`RLE frame has ${segments} segments, expected ${samplesPerPixel * bytesPerSample} (${samplesPerPixel} samples × ${bytesPerSample} bytes)`);
  }
  const out = new Uint8Array(pixels * samplesPerPixel * bytesPerSample);
  for (let segment = 0; segment < segments; segment++) {
    const start = view.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segments ? view.getUint32(8 + segment * 4, true) : frame.length;
    const sample = Math.floor(segment / bytesPerSample);
    const byte = bytesPerSample - 1 - (segment % bytesPerSample); // plane 0 is the most significant byte
    const stride = samplesPerPixel * bytesPerSample;
    let at = sample * bytesPerSample + byte;
    let written = 0;
    let i = start;
    while (i < end && written < pixels) {
      const n = (frame[i++]! << 24) >> 24; // signed header byte
      if (n >= 0) {
        for (let k = 0; k <= n && written < pixels; k++, written++, at += stride) out[at] = frame[i++]!;
      } else if (n !== -128) {
        const value = frame[i++]!;
        for (let k = 0; k < 1 - n && written < pixels; k++, written++, at += stride) out[at] = value;
      }
    }
    if (written < pixels) throw new Error(`RLE segment ${segment} holds ${written} of ${pixels} pixels`);
  }
  return out;
}
