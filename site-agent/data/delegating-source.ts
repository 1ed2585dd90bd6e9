import type { DatasetSource, ScanResult } from './dataset.js';
import type { VolumeSource } from './volume.js';

/**
 * A source that changes labels over another: it scans through the wrapped
 * source and hands every other call to it, optional ones included (a volume
 * source's reads, a table's statistics), so a wrapper hides no ability of
 * the source it wraps.
 */
export abstract class DelegatingSource implements DatasetSource {
  constructor(protected readonly source: DatasetSource) {}

  abstract scan(): Promise<ScanResult>;

  get kind(): string {
    return this.source.kind;
  }

  get inMemory(): boolean {
    return this.source.inMemory;
  }

  get segmentation(): boolean | undefined {
    return this.source.segmentation;
  }

  decode: DatasetSource['decode'] = (samples, inputShape, preprocessing) => this.source.decode(samples, inputShape, preprocessing);
  featureStatistics = this.source.featureStatistics?.bind(this.source);
  intensities = this.source.intensities?.bind(this.source);
  decodeMasks = this.source.decodeMasks?.bind(this.source);
  agreement = this.source.agreement?.bind(this.source);
  review = this.source.review?.bind(this.source);
  annotation = this.source.annotation?.bind(this.source);
  selection = this.source.selection?.bind(this.source);
  readVolume = (this.source as Partial<VolumeSource>).readVolume?.bind(this.source);
  readLabels = (this.source as Partial<VolumeSource>).readLabels?.bind(this.source);
}
