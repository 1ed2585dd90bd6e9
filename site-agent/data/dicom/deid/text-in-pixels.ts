import type { DicomHeader } from '../dicom-file.js';

/** Secondary Capture image storage (single and multi-frame): screenshots, scanned documents, anything with text. */
const SECONDARY_CAPTURE = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.7(\.[1-4])?$/;

/** Ultrasound and secondary captures: the images whose devices most often write patient details into the pixels. */
export function mayHoldText(header: Pick<DicomHeader, 'modality' | 'sopClassUid'>): boolean {
  return header.modality === 'US' || header.modality === 'SC' || SECONDARY_CAPTURE.test(header.sopClassUid ?? '');
}

/** Rows of short bright strokes in a stack, at least this tall: a line of text (5×7 glyphs and larger). */
const MIN_TEXT_ROWS = 5;
/** A row holds text when it has at least this many short bright strokes. */
const MIN_STROKES = 6;

/**
 * A heuristic for text burned into an image's pixels, for a person to
 * review, never a verdict: a line of text is a stack of rows that each cross
 * many short strokes at nearly the image's brightest value (annotation is
 * drawn at full intensity), separated by dark gaps. Ultrasound speckle and
 * anatomy give long or dim runs instead. `values` are rows × columns ×
 * channels, interleaved.
 */
export function looksLikeText(values: Float32Array, rows: number, columns: number, channels: number): boolean {
  const luminance = new Float32Array(rows * columns);
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < luminance.length; p++) {
    let sum = 0;
    for (let c = 0; c < channels; c++) sum += values[p * channels + c]!;
    const v = sum / channels;
    luminance[p] = v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return false;
  const bright = lo + 0.85 * (hi - lo);
  const dark = lo + 0.5 * (hi - lo);
  const maxStroke = Math.max(3, Math.round(columns / 40));
  let stack = 0;
  for (let y = 0; y < rows; y++) {
    let strokes = 0;
    let run = 0;
    // A stroke counts only between dark pixels (or the image's edge): text is drawn on a dark ground, so a bright
    // pattern on a bright one (a test chart, a checkerboard) is not text.
    let darkBefore = true;
    for (let x = 0; x <= columns; x++) {
      const v = x < columns ? luminance[y * columns + x]! : lo;
      if (v >= bright) run += 1;
      else {
        if (run > 0 && run <= maxStroke && darkBefore && v <= dark) strokes += 1;
        run = 0;
        darkBefore = v <= dark;
      }
    }
    stack = strokes >= MIN_STROKES ? stack + 1 : 0;
    if (stack >= MIN_TEXT_ROWS) return true;
  }
  return false;
}
