import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { DecodeBudget } from '../decode-budget.js';
import { type DicomSegmentation, readSegmentation } from './dicom-seg.js';

/** One SEG frame that labels a source image: where to read it, and the segment it marks. */
interface FrameRef {
  file: string;
  frame: number;
  segment: number;
}

/** What a source image's mask is made of: SEG frames naming it, or none when only its series is covered (an empty mask). */
export interface SourceCoverage {
  frames: readonly FrameRef[];
  rows: number;
  columns: number;
}

/**
 * The DICOM Segmentation objects of a folder tree, joined to their source
 * images by Referenced SOP Instance UID (per frame) and Series Instance UID
 * (Referenced Series Sequence): an image a frame names takes that frame's
 * segment; an image of a covered series that no frame names has an empty
 * mask (SEG writers leave out empty frames); any other image has no mask.
 */
export class SegIndex {
  private readonly bySource = new Map<string, FrameRef[]>();
  private readonly sizeOf = new Map<string, { rows: number; columns: number }>();
  private readonly series = new Set<string>();
  /** Parsed SEG files kept for the next mask: consecutive slices of a series come from one SEG. */
  private cached: { file: string; seg: Promise<DicomSegmentation> } | null = null;

  constructor(
    private readonly root: string,
    private readonly budget: DecodeBudget,
  ) {}

  add(file: string, seg: DicomSegmentation): void {
    for (const uid of seg.referencedSeries) this.series.add(uid);
    seg.frames.forEach((frame, index) => {
      if (!frame.sourceSopInstanceUid) return;
      const refs = this.bySource.get(frame.sourceSopInstanceUid) ?? [];
      refs.push({ file, frame: index, segment: frame.segment });
      this.bySource.set(frame.sourceSopInstanceUid, refs);
      this.sizeOf.set(frame.sourceSopInstanceUid, { rows: seg.rows, columns: seg.columns });
    });
  }

  /** A series counts as covered when a SEG lists it, or when a frame names one of its images. */
  coverSeriesOf(sopInstanceUid: string, seriesInstanceUid: string | null): void {
    if (seriesInstanceUid && this.bySource.has(sopInstanceUid)) this.series.add(seriesInstanceUid);
  }

  /** The mask of an image, or null when no SEG covers it. Call after every SEG was added and coverSeriesOf ran for every image. */
  coverage(sopInstanceUid: string | null, seriesInstanceUid: string | null, rows: number, columns: number): SourceCoverage | null {
    const frames = sopInstanceUid ? this.bySource.get(sopInstanceUid) : undefined;
    if (frames) return { frames, ...this.sizeOf.get(sopInstanceUid!)! };
    return seriesInstanceUid && this.series.has(seriesInstanceUid) ? { frames: [], rows, columns } : null;
  }

  /** Segment numbers a mask may hold: 0 (outside every segment) and its frames' segments. */
  static values(coverage: SourceCoverage): number[] {
    return [...new Set([0, ...coverage.frames.map((f) => f.segment)])].sort((a, b) => a - b);
  }

  /** The mask, one value per pixel: the segment number, the highest where segments overlap, 0 outside every one. */
  async mask(coverage: SourceCoverage): Promise<Uint8Array> {
    const out = new Uint8Array(coverage.rows * coverage.columns);
    for (const ref of [...coverage.frames].sort((a, b) => a.segment - b.segment)) {
      const { mask } = (await this.read(ref.file)).frames[ref.frame]!;
      for (let i = 0; i < out.length; i++) if (mask[i]) out[i] = ref.segment;
    }
    return out;
  }

  private read(file: string): Promise<DicomSegmentation> {
    if (this.cached?.file !== file) {
      this.cached = { file, seg: readFile(path.join(this.root, file)).then((bytes) => readSegmentation(bytes, this.budget)) };
    }
    return this.cached.seg;
  }
}
