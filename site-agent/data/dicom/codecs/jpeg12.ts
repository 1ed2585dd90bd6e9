import { FrameDecodeError } from './frame-errors.js';

/**
 * JPEG Extended (ITU T.81 process 4: sequential DCT, Huffman coded) at 12
 * bits per sample, for DICOM's 1.2.840.10008.1.2.4.51. Written here because
 * no maintained WebAssembly or JavaScript package decodes 12-bit DCT JPEG
 * (the cornerstone libjpeg-turbo build is 8-bit only; jpeg-js and pdf.js's
 * decoder clamp to 8 bits). One component (12-bit DICOM images are
 * monochrome), any restart interval; progressive and arithmetic-coded
 * streams are refused by name. The inverse DCT is the exact separable
 * cosine transform in floating point, so results may differ by one grey
 * level from an integer IDCT such as libjpeg's, as any two lossy decoders do.
 */
export function decodeJpeg12(data: Uint8Array): { width: number; height: number; components: number; samples: Uint16Array } {
  const quant: (Int32Array | undefined)[] = [];
  const dc: (Huffman | undefined)[] = [];
  const ac: (Huffman | undefined)[] = [];
  let frame: { width: number; height: number; quant: number } | null = null;
  let restartInterval = 0;
  const u16 = (at: number): number => (data[at]! << 8) | data[at + 1]!;
  if (u16(0) !== 0xffd8) throw new FrameDecodeError('JPEG: no start-of-image marker');
  let at = 2;
  while (at + 4 <= data.length) {
    if (data[at] !== 0xff) throw new FrameDecodeError(`JPEG: no marker at byte ${at}`);
    const marker = data[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const length = u16(at + 2);
    const body = at + 4;
    const end = at + 2 + length;
    if (end > data.length) throw new FrameDecodeError('JPEG: a marker segment runs past the end (truncated?)');
    if (marker === 0xdb) {
      for (let p = body; p < end;) {
        const wide = data[p]! >> 4;
        const table = new Int32Array(64);
        for (let k = 0; k < 64; k++) table[ZIGZAG[k]!] = wide ? u16(p + 1 + 2 * k) : data[p + 1 + k]!;
        quant[data[p]! & 15] = table;
        p += 1 + 64 * (wide ? 2 : 1);
      }
    } else if (marker === 0xc4) {
      for (let p = body; p < end;) {
        const counts = data.subarray(p + 1, p + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        (data[p]! >> 4 ? ac : dc)[data[p]! & 15] = new Huffman(counts, data.subarray(p + 17, p + 17 + total));
        p += 17 + total;
      }
    } else if (marker === 0xc0 || marker === 0xc1) {
      if (data[body] !== 12) throw new FrameDecodeError(`JPEG: ${data[body]}-bit samples are not this decoder's (12-bit only)`);
      if (data[body + 5] !== 1) throw new FrameDecodeError(`JPEG: ${data[body + 5]} components at 12 bits (one is supported)`);
      frame = { height: u16(body + 1), width: u16(body + 3), quant: data[body + 8]! };
    } else if (isStartOfFrame(marker)) {
      throw new FrameDecodeError(
        `JPEG: start-of-frame 0xFF${marker.toString(16).toUpperCase()} (progressive, lossless or arithmetic) is not 12-bit sequential`,
      );
    } else if (marker === 0xdd) {
      restartInterval = u16(body);
    } else if (marker === 0xda) {
      if (!frame) throw new FrameDecodeError('JPEG: a scan before its frame header');
      const table = data[body + 2]!;
      const q = quant[frame.quant];
      const dcTable = dc[table >> 4];
      const acTable = ac[table & 15];
      if (!q || !dcTable || !acTable) throw new FrameDecodeError('JPEG: the scan uses a table the stream does not define');
      return { width: frame.width, height: frame.height, components: 1, samples: decodeScan(data, end, frame, q, dcTable, acTable, restartInterval) };
    }
    at = end;
  }
  throw new FrameDecodeError('JPEG: no scan (truncated?)');
}

/** SOF0–SOF15: every marker from 0xC0 to 0xCF but DHT (C4), JPG (C8) and DAC (CC) starts a frame. */
export function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

const ZIGZAG = Int32Array.from([
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22,
  15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]);

/** cos((2x + 1)uπ / 16) scaled by C(u)/2, for the separable inverse DCT. */
const BASIS = (() => {
  const basis = new Float64Array(64);
  for (let x = 0; x < 8; x++) for (let u = 0; u < 8; u++) basis[x * 8 + u] = ((u === 0 ? Math.SQRT1_2 : 1) / 2) * Math.cos(((2 * x + 1) * u * Math.PI) / 16);
  return basis;
})();

/** A Huffman table as T.81 annex C builds it: the largest code of each length, and where its values start. */
class Huffman {
  private readonly maxCode = new Int32Array(18).fill(-1);
  private readonly offset = new Int32Array(17);

  constructor(
    counts: Uint8Array,
    private readonly values: Uint8Array,
  ) {
    let code = 0;
    let k = 0;
    for (let length = 1; length <= 16; length++) {
      this.offset[length] = k - code;
      code += counts[length - 1]!;
      k += counts[length - 1]!;
      this.maxCode[length] = counts[length - 1] ? code - 1 : -1;
      code <<= 1;
    }
    this.maxCode[17] = 0x7fffffff;
  }

  decode(bits: BitReader): number {
    let code = bits.bit();
    for (let length = 1; length <= 16; length++) {
      if (this.maxCode[length]! >= code && this.maxCode[length] !== -1) {
        const value = this.values[code + this.offset[length]!];
        if (value === undefined) break;
        return value;
      }
      code = (code << 1) | bits.bit();
    }
    throw new FrameDecodeError('JPEG: a Huffman code the table does not hold (corrupt data)');
  }
}

/** The entropy-coded bits of a scan: 0xFF00 is a data 0xFF; a marker ends the bits (zeros are read after it, as T.81 F.2.2.5 allows). */
class BitReader {
  private byte = 0;
  private left = 0;

  constructor(
    private readonly data: Uint8Array,
    public at: number,
  ) {}

  bit(): number {
    if (this.left === 0) {
      const next = this.data[this.at];
      if (next === undefined) throw new FrameDecodeError('JPEG: the scan ends early (truncated?)');
      if (next !== 0xff) {
        this.byte = next;
        this.at += 1;
      } else if (this.data[this.at + 1] === 0) {
        this.byte = 0xff;
        this.at += 2;
      } else this.byte = 0; // a marker: zeros, and the marker stays for restart() to find
      this.left = 8;
    }
    this.left -= 1;
    return (this.byte >> this.left) & 1;
  }

  bits(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i++) value = (value << 1) | this.bit();
    return value;
  }

  /** At a restart marker: drop the partial byte and step over RSTn. */
  restart(): void {
    this.left = 0;
    while (this.at + 1 < this.data.length && !(this.data[this.at] === 0xff && this.data[this.at + 1]! >= 0xd0 && this.data[this.at + 1]! <= 0xd7)) this.at += 1;
    this.at += 2;
  }
}

/** A coefficient's value from its size category and bits (T.81 F.2.2.1, EXTEND). */
function extend(bits: number, size: number): number {
  return size === 0 ? 0 : bits < 1 << (size - 1) ? bits - (1 << size) + 1 : bits;
}

function decodeScan(
  data: Uint8Array,
  start: number,
  frame: { width: number; height: number },
  quant: Int32Array,
  dc: Huffman,
  ac: Huffman,
  restartInterval: number,
): Uint16Array {
  const { width, height } = frame;
  const blocksX = Math.ceil(width / 8);
  const blocksY = Math.ceil(height / 8);
  const out = new Uint16Array(width * height);
  const reader = new BitReader(data, start);
  const coefficients = new Float64Array(64);
  const rows = new Float64Array(64);
  let predictor = 0;
  for (let block = 0; block < blocksX * blocksY; block++) {
    if (restartInterval > 0 && block > 0 && block % restartInterval === 0) {
      reader.restart();
      predictor = 0;
    }
    coefficients.fill(0);
    const dcSize = dc.decode(reader);
    predictor += extend(reader.bits(dcSize), dcSize);
    coefficients[0] = predictor * quant[0]!;
    for (let k = 1; k < 64;) {
      const rs = ac.decode(reader);
      const run = rs >> 4;
      const size = rs & 15;
      if (size === 0) {
        if (run !== 15) break;
        k += 16;
        continue;
      }
      k += run;
      if (k > 63) throw new FrameDecodeError('JPEG: a coefficient past the end of its block (corrupt data)');
      coefficients[ZIGZAG[k]!] = extend(reader.bits(size), size) * quant[ZIGZAG[k]!]!;
      k += 1;
    }
    // Rows, then columns: f(y, x) = Σu Σv C(u)C(v)/4 F(v, u) cos… cos…
    for (let v = 0; v < 8; v++)
      for (let x = 0; x < 8; x++) {
        let sum = 0;
        for (let u = 0; u < 8; u++) sum += BASIS[x * 8 + u]! * coefficients[v * 8 + u]!;
        rows[v * 8 + x] = sum;
      }
    const bx = (block % blocksX) * 8;
    const by = Math.floor(block / blocksX) * 8;
    for (let y = 0; y < 8 && by + y < height; y++)
      for (let x = 0; x < 8 && bx + x < width; x++) {
        let sum = 0;
        for (let v = 0; v < 8; v++) sum += BASIS[y * 8 + v]! * rows[v * 8 + x]!;
        out[(by + y) * width + bx + x] = Math.min(4095, Math.max(0, Math.round(sum) + 2048));
      }
  }
  return out;
}
