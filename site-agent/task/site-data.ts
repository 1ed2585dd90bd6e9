import { ConsiliumError } from '../../common/errors.js';
import type { Preprocessing } from '../../common/preprocessing.schema.js';
import { SUBGROUP_DIMENSIONS, type SubgroupDimension, type Subgroups } from '../../common/subgroup-metrics.js';
import type { DatasetSummary } from '../../common/task-order.js';
import type { SiteConfig } from '../config/site-config.js';
import { type DatasetSource, isValidation, type SampleMeta, type SampleRef, type ScanResult } from '../data/dataset.js';
import { decodedRows, RowCache } from '../data/decoded-rows.js';
import { LabelVocabulary } from '../data/label-vocabulary.js';
import { isVolumeSource, sliceSamples, VolumeSlices } from '../data/volume.js';
import { ageBin, type DataProfile, profileDataset } from '../profile/data-profile.js';
import { CountGuard } from '../profile/privacy-guard.js';
import { publishedDataset } from '../profile/published-counts.js';
import { sharedProfile } from '../profile/shared-profile.js';
import type { FeatureRows } from '../training/feature-rows.js';
import type { LocalData } from '../training/trainer.js';
import type { AgentLogger } from './task-deps.js';

/**
 * The site's data as the agent uses it: scanned once, with local label
 * spellings mapped to the canonical classes; what may be published of it
 * (guarded summary and profile); and the decoded training and validation
 * rows for a model's input shape, cached across rounds.
 */
export class SiteData {
  private scan: ScanResult | null = null;
  private profile: DataProfile | null = null;
  private summary: DatasetSummary | null = null;
  private readonly decoded = new Map<string, Promise<LocalData>>();
  private readonly rowCache: RowCache;

  constructor(
    private readonly config: SiteConfig,
    private readonly dataset: DatasetSource,
    private readonly privacy: SiteConfig['privacy'],
    private readonly logger: AgentLogger,
    /** Site policy shareLabelMap: the site's local label terms may leave with its profile. */
    private readonly shareLabelMap = false,
  ) {
    this.rowCache = new RowCache(config.feed.cacheMegabytes * 2 ** 20);
  }

  get prepared(): boolean {
    return this.scan !== null;
  }

  /** Scans the local data once; unreadable files are skipped, counted and logged, never fatal. */
  async prepare(): Promise<ScanResult> {
    const scan = await this.dataset.scan();
    // Local spellings become the canonical class names here; unmapped and missing labels never reach training.
    const vocabulary = new LabelVocabulary(this.config.labelMap);
    const unmapped = new Map<string, number>();
    // A segmentation source's samples carry masks, not labels: every one it kept trains.
    const samples = this.dataset.segmentation
      ? scan.samples
      : scan.samples.flatMap((s) => {
          const label = vocabulary.classify(s.label);
          if (label === null) unmapped.set(s.label, (unmapped.get(s.label) ?? 0) + 1);
          return label ? [{ ...s, label }] : [];
        });
    this.scan = { samples, skipped: scan.skipped };
    this.summary = null;
    // What the coordinator may know of this data: the profile after the site's privacy guard, sent with every hello.
    this.profile = sharedProfile(
      await profileDataset(this.dataset, scan, vocabulary, undefined, this.config.deidentification.retain),
      this.privacy,
      this.config.labelMap,
      this.shareLabelMap,
    );
    for (const skipped of this.scan.skipped) this.logger.warn(`skipped ${skipped.id}: ${skipped.reason}`);
    for (const [label, n] of unmapped) this.logger.warn(`${n} samples have label "${label}", which data.labelMap does not map; they are not used`);
    const missing = this.dataset.segmentation ? 0 : scan.samples.length - samples.length - [...unmapped.values()].reduce((a, b) => a + b, 0);
    if (missing > 0) this.logger.warn(`${missing} samples have no label; they are not used`);
    this.logger.info(`data: ${this.scan.samples.length} samples, ${this.scan.skipped.length} skipped files (${this.dataset.kind})`);
    return this.scan;
  }

  /** The guarded summary and profile a hello carries. */
  published(): { dataset: DatasetSummary; profile: DataProfile | null } {
    // Counted and guarded once per scan: a noised count drawn anew for every hello would average its noise away.
    this.summary ??= publishedDataset(this.scanned(), this.dataset.kind, this.config.validationFraction, new CountGuard(this.privacy));
    return { dataset: this.summary, profile: this.profile };
  }

  /**
   * Decodes and splits the local data for one input shape and class list; cached across rounds. With
   * `reviewedLabelsOnly` (qualityGate.requireReviewedPreAnnotation), model-assisted labels no reader reviewed are left out.
   */
  localData(inputShape: number[], classes: string[], preprocessing: Preprocessing, reviewedLabelsOnly = false): Promise<LocalData> {
    const key = `${inputShape.join('x')}|${classes.join('\u0000')}|${JSON.stringify(preprocessing)}|${reviewedLabelsOnly}`;
    let data = this.decoded.get(key);
    if (!data) {
      data = this.decode(inputShape, classes, preprocessing, reviewedLabelsOnly);
      this.decoded.set(key, data);
      data.catch(() => this.decoded.delete(key));
    }
    return data;
  }

  /** The source and samples a spec trains on: the scanned ones, or with preprocessing.sliceAxis every slice of every volume. */
  private feed(preprocessing: Preprocessing): { source: DatasetSource; samples: SampleRef[] } {
    const axis = preprocessing.sliceAxis;
    if (!axis) return { source: this.dataset, samples: this.scanned().samples };
    if (!isVolumeSource(this.dataset)) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `the run slices volumes (preprocessing.sliceAxis: ${axis}), but this site's data (${this.dataset.kind}) holds 2-D images, not volumes`,
      );
    }
    return { source: new VolumeSlices(this.dataset, axis), samples: sliceSamples(this.scanned().samples, axis) };
  }

  private async decode(inputShape: number[], classes: string[], preprocessing: Preprocessing, reviewedLabelsOnly: boolean): Promise<LocalData> {
    if (this.dataset.segmentation) return this.decodeSegmentation(inputShape, classes, preprocessing);
    const index = new Map(classes.map((c, i) => [c, i]));
    const { source, samples: all } = this.feed(preprocessing);
    const unreviewed = (s: SampleRef): boolean => s.labelSource?.kind === 'model-assisted' && !s.labelSource.reviewed;
    const refused = reviewedLabelsOnly ? all.filter(unreviewed).length : 0;
    if (refused > 0)
      this.logger.warn(
        `${refused} samples have model-assisted labels no reader reviewed; this run does not use them (qualityGate.requireReviewedPreAnnotation)`,
      );
    const known = all.filter((s) => index.has(s.label) && !(reviewedLabelsOnly && unreviewed(s)));
    const unknown = all.filter((s) => !index.has(s.label)).length;
    if (unknown > 0) this.logger.warn(`${unknown} samples have labels outside the run's classes (${classes.join(', ')}) and are not used`);
    const split = (samples: SampleRef[]): FeatureRows =>
      decodedRows(
        source,
        samples,
        Int32Array.from(samples, (s) => index.get(s.label)!),
        inputShape,
        this.rowCache,
        preprocessing,
      );
    const inValidation = (s: SampleRef): boolean => isValidation(s, this.config.validationFraction);
    const validation = known.filter(inValidation);
    const subgroups = subgroupsOf(validation);
    const data = {
      inputShape,
      classCount: classes.length,
      train: split(known.filter((s) => !inValidation(s))),
      validation: { ...split(validation), ...(subgroups ? { subgroups } : {}) },
    };
    // Decoding one row now finds a model input the data cannot feed (wrong shape) before any training starts.
    if (known.length > 0) await (data.train.count > 0 ? data.train : data.validation).read([0]);
    return data;
  }

  /** Images with their masks: every sample, its mask's local values mapped to the run's class indices as it is read. */
  private async decodeSegmentation(inputShape: number[], classes: string[], preprocessing: Preprocessing): Promise<LocalData> {
    const spatial = inputShape.slice(0, -1);
    const map = this.config.maskLabelMap;
    // A local value → the run's class index: through maskLabelMap, or the value itself when the site maps nothing.
    const classOf = new Int32Array(256).map((_, value) => (map ? classes.indexOf(map[String(value)] ?? '') : value < classes.length ? value : -1));
    const { source, samples: all } = this.feed(preprocessing);
    const split = (samples: SampleRef[]): FeatureRows => ({
      ...decodedRows(source, samples, new Int32Array(samples.length), inputShape, this.rowCache, preprocessing),
      readMasks: async (rows) => {
        const local = await source.decodeMasks!(
          rows.map((r) => samples[r]!),
          spatial,
          preprocessing,
        );
        const masks = Int32Array.from(local, (v) => classOf[v]!);
        const stray = local.find((_, i) => masks[i]! < 0);
        if (stray !== undefined) {
          throw new ConsiliumError(
            'FAILED_PRECONDITION',
            `mask value ${stray} is not one of the run's classes (${classes.join(', ')}); map it with maskLabelMap in site.yaml`,
          );
        }
        return masks;
      },
    });
    const inValidation = (s: SampleRef): boolean => isValidation(s, this.config.validationFraction);
    return { inputShape, classCount: classes.length, train: split(all.filter((s) => !inValidation(s))), validation: split(all.filter(inValidation)) };
  }

  private scanned(): ScanResult {
    if (!this.scan) throw new Error('the site data was not scanned yet (call prepare first)');
    return this.scan;
  }
}

/** Each sample's vendor, scanner model, age bin and sex, for the dimensions any sample has a value in; null when none has. */
export function subgroupsOf(samples: readonly SampleRef[]): Subgroups | null {
  const read: Record<SubgroupDimension, (meta: SampleMeta) => string | null | undefined> = {
    manufacturer: (m) => m.manufacturer,
    model: (m) => m.manufacturerModelName,
    age: (m) => ageBin(m.patientAgeYears),
    sex: (m) => m.patientSex,
  };
  const subgroups: Subgroups = {};
  for (const dimension of SUBGROUP_DIMENSIONS) {
    const values = samples.map((s) => (s.meta ? (read[dimension](s.meta) ?? null) : null));
    if (values.some((v) => v !== null)) subgroups[dimension] = values;
  }
  return Object.keys(subgroups).length > 0 ? subgroups : null;
}
