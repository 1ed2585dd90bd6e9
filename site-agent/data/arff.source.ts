import { ConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import { type DatasetSource, type DecodedSamples, readConfiguredText, type SampleRef, type ScanResult, type SkippedFile } from './dataset.js';
import type { FeatureStatistics } from './feature-scaling.js';
import type { Preprocessing } from './preprocess.js';
import { TableRows } from './table-rows.js';

interface Attribute {
  name: string;
  /** null for numeric attributes, else the declared nominal values in order. */
  values: string[] | null;
}

/** Splits one ARFF line on commas outside single or double quotes, unquoting and trimming each value. */
export function splitArffValues(line: string): string[] {
  const out: string[] = [];
  let value = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && i + 1 < line.length) value += line[++i];
      else if (c === quote) quote = null;
      else value += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      out.push(value.trim());
      value = '';
    } else value += c;
  }
  out.push(value.trim());
  return out;
}

/** Parses the header (@relation, @attribute) and the @data rows of an ARFF file; % starts a comment. */
export function parseArff(text: string): { attributes: Attribute[]; rows: { line: number; values: string[] }[] } {
  const attributes: Attribute[] = [];
  const rows: { line: number; values: string[] }[] = [];
  let inData = false;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('%')) return;
    if (inData) {
      rows.push({ line: index + 1, values: splitArffValues(line) });
      return;
    }
    const lower = line.toLowerCase();
    if (lower.startsWith('@data')) inData = true;
    else if (lower.startsWith('@attribute')) {
      const match = /^@attribute\s+('[^']*'|"[^"]*"|\S+)\s+(.+)$/i.exec(line);
      if (!match) throw new ConsiliumError('INVALID_ARGUMENT', `ARFF line ${index + 1}: cannot read the @attribute declaration "${line}"`);
      const name = match[1]!.replace(/^['"]|['"]$/g, '');
      const type = match[2]!.trim();
      if (type.startsWith('{')) attributes.push({ name, values: splitArffValues(type.replace(/^\{|\}$/g, '')) });
      else if (/^(numeric|real|integer)$/i.test(type)) attributes.push({ name, values: null });
      else throw new ConsiliumError('INVALID_ARGUMENT', `ARFF attribute "${name}" has type ${type}; only numeric and nominal attributes are supported`);
    }
  });
  if (!inData) throw new ConsiliumError('INVALID_ARGUMENT', 'the ARFF file has no @data section');
  return { attributes, rows };
}

/**
 * A Weka ARFF table, one sample per data row. Numeric attributes are
 * features as they are; nominal ones are one-hot over their declared values,
 * in declaration order. "?" is a missing value: a missing label leaves the
 * sample unlabelled, a missing feature skips the row under that reason.
 */
export class ArffSource implements DatasetSource {
  readonly kind = 'arff';
  readonly inMemory = true;
  private readonly rows = new TableRows((width) => `the ARFF table encodes to ${width} features (nominal attributes one-hot)`);

  constructor(
    private readonly path: string,
    private readonly labelAttribute: string | undefined,
  ) {}

  async scan(): Promise<ScanResult> {
    const text = await readConfiguredText(this.path, 'data.path');
    const { attributes, rows } = parseArff(text);
    const labelAt = this.labelAttribute === undefined ? attributes.length - 1 : attributes.findIndex((a) => a.name === this.labelAttribute);
    if (labelAt < 0)
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `data.labelAttribute "${this.labelAttribute}" is not an attribute of ${this.path} (attributes: ${attributes.map((a) => a.name).join(', ')})`,
      );
    const features = attributes.filter((_, i) => i !== labelAt);
    this.rows.reset(features.reduce((n, a) => n + (a.values?.length ?? 1), 0));
    const samples: SampleRef[] = [];
    const skipped: SkippedFile[] = [];
    for (const { line, values } of rows) {
      const id = `line-${line}`;
      if (values.length !== attributes.length) {
        skipped.push({ id, reason: 'wrong number of values' });
        continue;
      }
      const missing = features.find((a) => values[attributes.indexOf(a)] === '?');
      if (missing) {
        skipped.push({ id, reason: 'missing feature value' });
        continue;
      }
      const encoded: number[] = [];
      let bad: string | null = null;
      for (const attribute of features) {
        const value = values[attributes.indexOf(attribute)]!;
        if (attribute.values === null) {
          const number = Number(value);
          if (!Number.isFinite(number)) bad = 'non-numeric value';
          encoded.push(number);
        } else {
          const at = attribute.values.indexOf(value);
          if (at < 0) bad = 'undeclared nominal value';
          encoded.push(...attribute.values.map((_, i) => (i === at ? 1 : 0)));
        }
      }
      if (bad) {
        skipped.push({ id, reason: bad });
        continue;
      }
      const label = values[labelAt] === '?' ? '' : values[labelAt]!;
      this.rows.set(id, encoded);
      samples.push({ id, label, contentSha256: sha256Hex(values.join(',')) });
    }
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
