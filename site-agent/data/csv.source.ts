import { ConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import { type DatasetSource, type DecodedSamples, readConfiguredText, type SampleRef, type ScanResult, type SkippedFile } from './dataset.js';
import type { FeatureStatistics } from './feature-scaling.js';
import type { Preprocessing } from './preprocess.js';
import { TableRows } from './table-rows.js';

/** Splits CSV text into rows of fields (RFC 4180: quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** A column named in the config: by header name, or by 0-based index. */
export type ColumnRef = string | number;

export interface CsvOptions {
  labelColumn: ColumnRef;
  /** In model-input order; every column but the label when absent. */
  featureColumns?: ColumnRef[] | undefined;
  /** Whether the first line (after skipLines) names the columns. */
  header: boolean;
  /** Lines before the table (a title, a summary line such as sklearn's "569,30,malignant,benign"). */
  skipLines: number;
}

/**
 * A table, one sample per row: numeric feature columns and a label column,
 * named by header or by index. Rows of another width than the table's are
 * skipped under that reason; a table most of whose rows disagree with its
 * header line is refused, because that header is not this table's.
 */
export class CsvSource implements DatasetSource {
  readonly kind = 'csv';
  readonly inMemory = true;
  private readonly rows = new TableRows();
  private readonly options: CsvOptions;

  constructor(
    private readonly path: string,
    options: Partial<CsvOptions> & Pick<CsvOptions, 'labelColumn'>,
  ) {
    this.options = { header: true, skipLines: 0, ...options };
  }

  /** The index of a configured column, or an error naming the config field and the fix. */
  private column(ref: ColumnRef, names: string[] | null, width: number, field: string): number {
    if (typeof ref === 'number') {
      if (ref >= width) throw new ConsiliumError('INVALID_ARGUMENT', `${field} is column ${ref}, but ${this.path} has ${width} columns (0 to ${width - 1})`);
      return ref;
    }
    if (!names) throw new ConsiliumError('INVALID_ARGUMENT', `${field} names column "${ref}", but data.header is false: name columns by their 0-based index`);
    const index = names.indexOf(ref);
    if (index < 0)
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${field} "${ref}" is not a column of ${this.path} (columns: ${names.join(', ')}); if the first lines are not the header, set data.skipLines or data.header: false`,
      );
    return index;
  }

  async scan(): Promise<ScanResult> {
    const text = await readConfiguredText(this.path, 'data.path');
    const lines = parseCsv(text);
    const { header, skipLines } = this.options;
    const table = lines.slice(skipLines);
    const names = header ? (table[0] ?? null) : null;
    const body = header ? table.slice(1) : table;
    if ((header && !names) || body.length === 0)
      throw new ConsiliumError('INVALID_ARGUMENT', `${this.path} has no rows after data.skipLines (${skipLines})${header ? ' and its header line' : ''}`);
    const width = names?.length ?? mostCommon(body.map((r) => r.length));
    const misfits = body.filter((r) => r.length !== width).length;
    if (names && misfits * 2 > body.length) {
      const typical = mostCommon(body.map((r) => r.length));
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${misfits} of the ${body.length} rows of ${this.path} have ${typical} fields, but its header line has ${width}: that line is not the table's header. Set data.skipLines to the number of lines before the header, or data.header: false (and name columns by index) when there is none`,
      );
    }
    const labelIndex = this.column(this.options.labelColumn, names, width, 'data.labelColumn');
    const indexes = this.options.featureColumns
      ? this.options.featureColumns.map((ref, i) => this.column(ref, names, width, `data.featureColumns[${i}]`))
      : Array.from({ length: width }, (_, i) => i).filter((i) => i !== labelIndex);
    const samples: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    this.rows.reset(indexes.length);
    // Ids are line numbers in the file, so a hospital can find the row a message names.
    const firstLine = skipLines + (header ? 2 : 1);
    body.forEach((fields, i) => {
      const id = `row-${i + firstLine}`;
      if (fields.length !== width) {
        skipped.push({ id, reason: 'wrong number of fields' });
        return;
      }
      const values = indexes.map((index) => Number(fields[index]?.trim() === '' ? NaN : fields[index]));
      // An empty label leaves the row unlabelled (readers or pre-annotation may label it); a missing feature skips it.
      const label = fields[labelIndex]?.trim() ?? '';
      if (values.some((v) => !Number.isFinite(v))) {
        skipped.push({ id, reason: 'missing or non-numeric value' });
        return;
      }
      this.rows.set(id, values);
      samples.push({ id, label, contentSha256: sha256Hex(fields.join(',')) });
    });
    return { samples, skipped };
  }

  featureStatistics(): FeatureStatistics {
    return this.rows.featureStatistics();
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[], preprocessing?: Preprocessing): Promise<DecodedSamples> {
    if (this.rows.size === 0) await this.scan();
    return this.rows.decode(samples, inputShape, preprocessing);
  }
}

function mostCommon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}
