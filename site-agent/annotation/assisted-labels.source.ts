import type { AnnotationSummary } from '../../common/data-profile.schema.js';
import type { DatasetSource, SampleRef, ScanResult } from '../data/dataset.js';
import { DelegatingSource } from '../data/delegating-source.js';
import { cohensKappa } from '../profile/reader-agreement.js';
import type { AnnotationRecords } from './annotation-records.js';

/**
 * Where the scan's labels came from and what pre-annotation did, before the
 * privacy guard; null when every label is a single person's and no model
 * was used (the profile then says nothing about annotation, as before).
 */
export function annotationSummary(samples: readonly SampleRef[], records: AnnotationRecords): AnnotationSummary | null {
  const sources = { human: 0, consensus: 0, modelReviewed: 0, modelUnreviewed: 0 };
  const assistedBy = new Set<string>();
  for (const s of samples) {
    if (s.label === '') continue;
    const source = s.labelSource;
    if (!source) sources.human += 1;
    else if (source.kind === 'consensus') sources.consensus += 1;
    else {
      sources[source.reviewed ? 'modelReviewed' : 'modelUnreviewed'] += 1;
      assistedBy.add(source.modelSha256);
    }
  }
  const present = new Set(samples.map((s) => s.id));
  const preAnnotated = Object.keys(records.preAnnotations()).filter((id) => present.has(id)).length;
  const reviewed = Object.entries(records.assistedLabels()).filter(([id, a]) => present.has(id) && a.reviewed);
  const changed = reviewed.filter(([, a]) => a.changed).length;
  const kappa = cohensKappa(
    reviewed.map(([, a]) => a.predicted),
    reviewed.map(([, a]) => a.label),
  ).kappa;
  const screening = records.screening();
  if (sources.consensus + sources.modelReviewed + sources.modelUnreviewed + preAnnotated === 0 && !screening) return null;
  return {
    sources,
    assistedBy: [...assistedBy].sort(),
    preAnnotation: {
      cases: preAnnotated,
      reviewed: reviewed.length,
      corrected: reviewed.length > 0 ? changed / reviewed.length : null,
      modelReaderKappa: reviewed.length > 0 && Number.isFinite(kappa) ? kappa : null,
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
 * case labelled there since is that person's label. Everything else is the
 * wrapped source's.
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
    const samples = scan.samples.map((sample): SampleRef => {
      const imported = sample.label === '' ? assisted[sample.id] : undefined;
      if (!imported) return sample;
      return { ...sample, label: imported.label, labelSource: { kind: 'model-assisted', modelSha256: imported.modelSha256, reviewed: imported.reviewed } };
    });
    this.summary = annotationSummary(samples, this.records);
    return { ...scan, samples };
  }

  override annotation = (): AnnotationSummary | null => this.summary;
}
