import { seededRandom } from '../../common/seeded-random.js';
import { csvField } from '../../site-agent/annotation/worklist.js';
import type { ReaderTable } from '../../site-agent/data/reader-labels.js';

/** The demo's two readers: the first reads as the truth, the second is the site's primary reader and errs at a chosen rate. */
export const QC_READER = 'reader-1';
export const PRIMARY_READER = 'reader-2';

/**
 * Two readers of every case: the QC reader gives the true class; the primary
 * reader gives another class on a `disagreement` share of cases, drawn by the
 * seed (so runs repeat). With `towards`, the primary reader errs one way only,
 * calling cases of other classes `towards` (a reader who misses malignancies),
 * as often as makes the same share of all cases. Case order is the map's.
 */
export function simulatedReadings(
  truth: ReadonlyMap<string, string>,
  classes: readonly string[],
  disagreement: number,
  seed: number,
  towards?: string,
): ReaderTable {
  const random = seededRandom(seed);
  const table: ReaderTable = new Map();
  const others = towards === undefined ? truth.size : [...truth.values()].filter((label) => label !== towards).length;
  const rate = Math.min(1, (disagreement * truth.size) / Math.max(1, others));
  for (const [caseId, label] of truth) {
    const wrong = towards === undefined ? classes.filter((c) => c !== label) : label === towards ? [] : [towards];
    const primary = wrong.length > 0 && random() < rate ? wrong[Math.floor(random() * wrong.length)]! : label;
    table.set(
      caseId,
      new Map([
        [QC_READER, label],
        [PRIMARY_READER, primary],
      ]),
    );
  }
  return table;
}

/** The readings in the long form a site's readers: file takes (case, reader, label). */
export function readerCsv(table: ReaderTable): string {
  const rows = [...table].flatMap(([caseId, readings]) => [...readings].map(([reader, label]) => [caseId, reader, label].map(csvField).join(',')));
  return ['case,reader,label', ...rows].join('\n') + '\n';
}
