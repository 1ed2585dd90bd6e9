import { ConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import { readConfiguredText, type DatasetSource, type DecodedSamples, type SampleRef, type ScanResult, type SkippedFile } from './dataset.js';

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

/** A table with a header row, one sample per row: numeric feature columns and a label column. */
export class CsvSource implements DatasetSource {
  readonly kind = 'csv';
  readonly inMemory = true;
  private rows = new Map<string, number[]>();

  constructor(
    private readonly path: string,
    private readonly labelColumn: string,
    private readonly featureColumns: string[] | undefined,
  ) {}

  async scan(): Promise<ScanResult> {
    const text = await readConfiguredText(this.path, 'data.path');
    const [header, ...body] = parseCsv(text);
    if (!header) throw new ConsiliumError('INVALID_ARGUMENT', `${this.path} is empty; it needs a header row`);
    const labelIndex = header.indexOf(this.labelColumn);
    if (labelIndex < 0) throw new ConsiliumError('INVALID_ARGUMENT', `data.labelColumn "${this.labelColumn}" is not a column of ${this.path} (columns: ${header.join(', ')})`);
    const names = this.featureColumns ?? header.filter((_, i) => i !== labelIndex);
    const indexes = names.map((name) => {
      const index = header.indexOf(name);
      if (index < 0) throw new ConsiliumError('INVALID_ARGUMENT', `data.featureColumns names "${name}", which is not a column of ${this.path}`);
      return index;
    });
    const samples: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    this.rows.clear();
    body.forEach((fields, i) => {
      const id = `row-${i + 2}`; // line number in the file, header being line 1
      const values = indexes.map((index) => Number(fields[index]?.trim() === '' ? NaN : fields[index]));
      const label = fields[labelIndex]?.trim() ?? '';
      if (values.some((v) => !Number.isFinite(v)) || label === '') {
        skipped.push({ id, reason: 'missing or non-numeric value' });
        return;
      }
      this.rows.set(id, values);
      samples.push({ id, label, contentSha256: sha256Hex(fields.join(',')) });
    });
    return { samples, skipped };
  }

  async decode(samples: readonly SampleRef[], inputShape: readonly number[]): Promise<DecodedSamples> {
    if (this.rows.size === 0) await this.scan();
    const width = this.rows.values().next().value?.length ?? 0;
    if (inputShape.join(',') !== String(width)) {
      throw new ConsiliumError('INVALID_ARGUMENT', `the table has ${width} feature columns; the model's input must be [${width}], not [${inputShape.join(', ')}]`);
    }
    const features = new Float32Array(samples.length * width);
    samples.forEach((sample, row) => features.set(this.rows.get(sample.id)!, row * width));
    return { samples: [...samples], features, skipped: [] };
  }
}
