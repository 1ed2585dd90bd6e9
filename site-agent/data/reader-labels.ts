import type { AgreementSummary } from '../../common/data-profile.schema.js';
import { ConsiliumError } from '../../common/errors.js';
import { seededRandom } from '../../common/seeded-random.js';
import { cohensKappa, consensusLabel, type ConsensusRule, fleissKappa, krippendorffAlpha } from '../profile/reader-agreement.js';
import { parseCsv } from './csv.source.js';
import { type DatasetSource, readConfiguredText, type ReviewItem, type SampleRef, type ScanResult } from './dataset.js';
import { DelegatingSource } from './delegating-source.js';

/** site.yaml `readers`: where the long-form labels are and how a case's label is decided. */
export interface ReadersConfig {
  file: string;
  caseColumn: string;
  readerColumn: string;
  labelColumn: string;
  consensus: 'majority' | 'unanimous' | { adjudicator: string };
}

/** Case id → reader → label, as the readers' file says. */
export type ReaderTable = Map<string, Map<string, string>>;

const BOOTSTRAP_RESAMPLES = 1000;

export function ruleOf(consensus: ReadersConfig['consensus']): ConsensusRule {
  return typeof consensus === 'string' ? { kind: consensus } : { kind: 'adjudicator', reader: consensus.adjudicator };
}

function ruleText(rule: ConsensusRule): string {
  return rule.kind === 'adjudicator' ? `adjudicator wins, else majority` : rule.kind;
}

/** Reads the long-form file; an error names the file, the line and the fix. */
export async function readReaderTable(config: ReadersConfig): Promise<ReaderTable> {
  const rows = parseCsv(await readConfiguredText(config.file, 'readers.file'));
  // Spreadsheet exports may start with a byte-order mark and pad names with spaces.
  const header = (rows[0] ?? []).map((name) => name.replace(/^\uFEFF/, '').trim());
  const column = (name: string, field: string): number => {
    const index = header.indexOf(name);
    if (index < 0) throw new ConsiliumError('INVALID_ARGUMENT', `readers.${field} "${name}" is not a column of ${config.file} (columns: ${header.join(', ')})`);
    return index;
  };
  const [caseAt, readerAt, labelAt] = [
    column(config.caseColumn, 'caseColumn'),
    column(config.readerColumn, 'readerColumn'),
    column(config.labelColumn, 'labelColumn'),
  ];
  const table: ReaderTable = new Map();
  const lineOf = new Map<string, number>();
  rows.slice(1).forEach((fields, i) => {
    const line = i + 2;
    const [caseId, reader, label] = [fields[caseAt]?.trim() ?? '', fields[readerAt]?.trim() ?? '', fields[labelAt]?.trim() ?? ''];
    if (fields.every((f) => f.trim() === '')) return;
    if (caseId === '' || reader === '') throw new ConsiliumError('INVALID_ARGUMENT', `${config.file} line ${line}: the case and the reader must both be given`);
    // A reader who left a case unlabelled did not read it.
    if (label === '') return;
    const key = `${caseId}\u0000${reader}`;
    if (lineOf.has(key)) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${config.file} line ${line}: reader ${reader} labelled case ${caseId} again (first on line ${lineOf.get(key)}); keep one row per reader and case`,
      );
    }
    lineOf.set(key, line);
    const readings = table.get(caseId) ?? new Map<string, string>();
    table.set(caseId, readings.set(reader, label));
  });
  return table;
}

/** The agreement of the readers over the given cases (those scanned), with the statistic that fits how they read. */
export function summariseAgreement(table: ReaderTable, caseIds: readonly string[], rule: ConsensusRule): AgreementSummary {
  const read = caseIds.map((id) => table.get(id)).filter((r): r is Map<string, string> => r !== undefined);
  const paired = read.filter((r) => r.size >= 2);
  const names = [...new Set(read.flatMap((r) => [...r.keys()]))].sort();
  const alias = new Map(names.map((name, i) => [name, `r${i + 1}`]));
  const sizes = paired.map((r) => r.size);
  const equal = sizes.length > 0 && sizes.every((s) => s === sizes[0]);
  const everyCase = read.map((r) => r.size);
  const statistic = equal ? 'fleiss-kappa' : 'krippendorff-alpha';
  const categories = [...new Set(paired.flatMap((r) => [...r.values()]))].sort();
  // Each case's readings in the form its statistic takes, made once: the bootstrap resamples these rows.
  const rows = paired.map((r) => [...r.values()]);
  const tallies = rows.map((labels) => categories.map((c) => labels.filter((v) => v === c).length));
  const measure = (picked: readonly number[]): number =>
    equal ? fleissKappa(picked.map((i) => tallies[i]!)).kappa : krippendorffAlpha(picked.map((i) => rows[i]!)).alpha;
  const value = paired.length > 0 ? measure(paired.map((_, i) => i)) : NaN;
  const pairs: AgreementSummary['pairs'] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const both = read.filter((r) => r.has(names[i]!) && r.has(names[j]!));
      if (both.length === 0) continue;
      const kappa = cohensKappa(
        both.map((r) => r.get(names[i]!)!),
        both.map((r) => r.get(names[j]!)!),
      ).kappa;
      pairs.push({ readers: [alias.get(names[i]!)!, alias.get(names[j]!)!], cases: both.length, kappa: Number.isFinite(kappa) ? kappa : null });
    }
  }
  return {
    rule: ruleText(rule),
    readers: names.length,
    cases: paired.length,
    readersPerCase: { min: everyCase.length ? Math.min(...everyCase) : 0, max: everyCase.length ? Math.max(...everyCase) : 0 },
    statistic,
    value: Number.isFinite(value) ? value : null,
    interval: Number.isFinite(value) ? bootstrapInterval(paired.length, measure) : null,
    pairs,
    needsAdjudication: read.filter((r) => consensusLabel(r, rule).label === null).length,
  };
}

/** The 2.5th and 97.5th percentiles of the statistic over cases resampled with replacement; undefined resamples are dropped. */
export function bootstrapInterval(cases: number, measure: (picked: readonly number[]) => number): [number, number] | null {
  const random = seededRandom(0x5eed);
  const values: number[] = [];
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    const resample = Array.from({ length: cases }, () => Math.floor(random() * cases));
    const value = measure(resample);
    if (Number.isFinite(value)) values.push(value);
  }
  if (values.length < BOOTSTRAP_RESAMPLES / 2) return null;
  values.sort((a, b) => a - b);
  const at = (q: number): number => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  return [at(0.025), at(0.975)];
}

/**
 * Every case the readers read takes its consensus label; a case without consensus is kept with no label (so it is
 * not trained on and counts as missing) and goes on the review list with the reason. Cases the readers did not read
 * keep the label their source gave.
 */
export function applyConsensus(scan: ScanResult, table: ReaderTable, rule: ConsensusRule): { scan: ScanResult; review: ReviewItem[] } {
  const review: ReviewItem[] = [];
  const samples: SampleRef[] = scan.samples.map((sample) => {
    const readings = table.get(sample.id);
    if (!readings) return sample;
    const decided = consensusLabel(readings, rule);
    if (decided.label === null) {
      review.push({ caseId: sample.id, readings: Object.fromEntries(readings), reason: decided.reason });
      return { ...sample, label: '' };
    }
    const dissent = [...readings.values()].some((label) => label !== decided.label);
    if (dissent)
      review.push({ caseId: sample.id, readings: Object.fromEntries(readings), reason: `readers disagree; the ${ruleText(rule)} rule chose ${decided.label}` });
    // One reading is that reader's label; two or more make a consensus, and the fingerprint says so.
    return readings.size > 1 ? { ...sample, label: decided.label, labelSource: { kind: 'consensus' as const } } : { ...sample, label: decided.label };
  });
  return { scan: { ...scan, samples }, review };
}

/** A source whose labels are its readers' consensus; everything else is the wrapped source's. */
export class ReaderLabelledSource extends DelegatingSource {
  private summary: AgreementSummary | null = null;
  private cases: ReviewItem[] = [];

  constructor(
    source: DatasetSource,
    private readonly config: ReadersConfig,
  ) {
    super(source);
  }

  async scan(): Promise<ScanResult> {
    const [scan, table] = await Promise.all([this.source.scan(), readReaderTable(this.config)]);
    const rule = ruleOf(this.config.consensus);
    this.summary = summariseAgreement(
      table,
      scan.samples.map((s) => s.id),
      rule,
    );
    const applied = applyConsensus(scan, table, rule);
    this.cases = applied.review;
    return applied.scan;
  }

  override agreement = (): AgreementSummary | null => this.summary;

  /** The cases to read again after the last scan: no consensus, or consensus over a dissent. Never sent. */
  override review = (): ReviewItem[] => this.cases;
}
