import type { AnnotationSummary } from '../../common/data-profile.schema.js';
import type { DatasetSource, SampleRef, ScanResult } from '../data/dataset.js';
import { DelegatingSource } from '../data/delegating-source.js';
import { type AnnotationRecords, reviewFigures } from './annotation-records.js';

/**
 * Where the scan's labels came from and what pre-annotation did, before the
 * privacy guard; null when every label is a single person's and no model
 * was used (the profile then says nothing about annotation, as before).
 */
export function annotationSummary(scan: ScanResult, records: AnnotationRecords, segmentation = false): AnnotationSummary | null {
  const { samples } = scan;
  const sources = { human: 0, consensus: 0, modelReviewed: 0, modelUnreviewed: 0 };
  const assistedBy = new Set<string>();
  for (const s of samples) {
    // A segmentation sample's label is its mask: every sample is labelled.
    if (s.label === '' && !segmentation) continue;
    const source = s.labelSource;
    if (!source) sources.human += 1;
    else if (source.kind === 'consensus') sources.consensus += 1;
    else {
      sources[source.reviewed ? 'modelReviewed' : 'modelUnreviewed'] += 1;
      assistedBy.add(source.modelSha256);
    }
  }
  // Cases still at the site: an image still without a mask is a skipped file, and was pre-annotated all the same.
  const present = new Set([...samples, ...scan.skipped].map((s) => s.id));
  const preAnnotated = Object.keys(records.preAnnotations()).filter((id) => present.has(id)).length;
  const review = reviewFigures(
    Object.entries(records.assistedLabels()).flatMap(([id, a]) => (present.has(id) ? [a] : [])),
    segmentation,
  );
  const screening = records.screening();
  if (sources.consensus + sources.modelReviewed + sources.modelUnreviewed + preAnnotated === 0 && !screening) return null;
  return {
    sources,
    assistedBy: [...assistedBy].sort(),
    preAnnotation: {
      cases: preAnnotated,
      reviewed: review.reviewed,
      corrected: review.reviewed > 0 ? review.changed / review.reviewed : null,
      modelReaderKappa: review.modelReaderKappa,
      ...(segmentation ? { modelReaderDice: review.modelReaderDice } : {}),
    },
    screening: screening && {
      modelSha256: screening.modelSha256,
      minProbability: screening.minProbability,
      screened: screening.screened,
      flagged: screening.flagged,
    },
  };
}

/**
 * A source whose unlabelled cases take the labels imported from pre-annotation
 * worklists (`consilium site import-labels`), each marked model-assisted, by
 * which model, reviewed or not. A label the site's own files give wins: a
 * case labelled there since is that person's label. A segmentation source's
 * imported masks are in its mask folder already: their cases are marked.
 * Everything else is the wrapped source's.
 */
export class AssistedLabelSource extends DelegatingSource {
  private summary: AnnotationSummary | null = null;

  constructor(
    source: DatasetSource,
    private readonly records: AnnotationRecords,
  ) {
    super(source);
  }

  async scan(): Promise<ScanResult> {
    const scan = await this.source.scan();
    const assisted = this.records.assistedLabels();
    const segmentation = this.source.segmentation === true;
    const samples = scan.samples.map((sample): SampleRef => {
      // A mask import wrote the mask into the site's mask folder; a label import only into the records.
      const imported = segmentation || sample.label === '' ? assisted[sample.id] : undefined;
      if (!imported) return sample;
      const labelSource = { kind: 'model-assisted' as const, modelSha256: imported.modelSha256, reviewed: imported.reviewed };
      return segmentation ? { ...sample, labelSource } : { ...sample, label: imported.label, labelSource };
    });
    this.summary = annotationSummary({ ...scan, samples }, this.records, segmentation);
    return { ...scan, samples };
  }

  override annotation = (): AnnotationSummary | null => this.summary;
}
