import path from 'node:path';

import type { PacsSelection } from '../../../common/data-profile.schema.js';
import { ConsiliumError } from '../../../common/errors.js';
import type { DicomWebDataConfig, DicomWebQuery } from '../../config/dicomweb-config.js';
import { parseCsv } from '../csv.source.js';
import { readConfiguredText, type ScanResult, type SkippedFile } from '../dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET } from '../decode-budget.js';
import { DelegatingSource } from '../delegating-source.js';
import { DicomSource, labellingOf } from '../dicom.source.js';
import type { DeidentifiedCache } from '../dicom/deid/deidentified-cache.js';
import { mapLimited } from '../map-limited.js';
import { DicomWebClient, type DicomWebClientOptions, jsonValue } from './dicomweb-client.js';
import { InstanceCache, isUid } from './instance-cache.js';

/** One instance the query selects, where WADO-RS finds it. */
interface Selected {
  study: string;
  series: string;
  sop: string;
}

/** What the last scan did against the PACS, for the agent's log and the bench (local; never sent). */
export interface PacsScanFigures {
  studies: number;
  series: number;
  instances: number;
  fetched: number;
  fetchedBytes: number;
  cachedBytes: number;
}

const STUDY = '0020000D';
const SERIES = '0020000E';
const SOP = '00080018';

/** The query's study-level QIDO parameters (without an accession number). */
function studyParams(query: DicomWebQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.modality) params['ModalitiesInStudy'] = query.modality;
  if (query.studyDate) params['StudyDate'] = `${query.studyDate.from ?? ''}-${query.studyDate.to ?? ''}`;
  if (query.studyDescription) params['StudyDescription'] = query.studyDescription;
  return params;
}

/** What the profile states of a query: its filters, and whether an accession list narrowed it (never the numbers). */
export function selectionOf(query: DicomWebQuery): PacsSelection {
  return {
    modality: query.modality ?? null,
    bodyPart: query.bodyPart ?? null,
    studyDateFrom: query.studyDate?.from ?? null,
    studyDateTo: query.studyDate?.to ?? null,
    studyDescription: query.studyDescription ?? null,
    accessionList: query.accessionNumbers !== undefined,
  };
}

/**
 * Images straight from the hospital's PACS over DICOMweb. A scan finds the
 * query's studies, series and instances with QIDO-RS, retrieves with WADO-RS
 * only the instances its cache lacks, and then reads the selected cached
 * files as a DICOM folder does (same headers, pixels, skips and labels). A
 * scan that the PACS breaks off fails with the reason; every instance it had
 * already stored stays, so the next scan fetches only the rest.
 */
export class DicomWebSource extends DelegatingSource {
  /** The files the folder source reads: exactly the current selection, refilled by each scan. */
  private readonly selected: Set<string>;
  private readonly client: DicomWebClient;
  private figures: PacsScanFigures | null = null;

  constructor(
    private readonly config: DicomWebDataConfig & { cacheDir: string; deidentified?: () => Promise<DeidentifiedCache> },
    budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
    mappedValues: ReadonlySet<number> | null = null,
    client: Partial<DicomWebClientOptions> = {},
  ) {
    const only = new Set<string>();
    super(
      new DicomSource({
        root: config.cacheDir,
        ...labellingOf(config),
        mappedValues,
        budget,
        only,
        ...(config.deidentified ? { deidentified: config.deidentified } : {}),
      }),
    );
    this.selected = only;
    this.client = new DicomWebClient({
      url: config.url,
      auth: config.auth,
      retries: config.retries,
      timeoutMs: config.timeoutSeconds * 1000,
      maxResponseBytes: budget.maxInflatedBytes,
      ...client,
    });
  }

  override get kind(): string {
    return 'dicomweb';
  }

  // A field, not a method: DelegatingSource's own `selection` field (the wrapped folder's: none) would hide a method.
  override selection = (): PacsSelection => selectionOf(this.config.query);

  /** The last scan's figures, or null before one. */
  lastScan(): PacsScanFigures | null {
    return this.figures;
  }

  async scan(): Promise<ScanResult> {
    const { skipped, instances, studies, series } = await this.find();
    const cache = await InstanceCache.open(this.config.cacheDir, this.config.cache.maxGigabytes * 2 ** 30);
    const wanted = new Set(instances.map((i) => i.sop));
    const missing = instances.filter((i) => !cache.has(i.sop));
    let failure: unknown = null;
    let fetchedBytes = 0;
    await mapLimited(missing, this.config.concurrency, async (instance) => {
      if (failure) return;
      try {
        const bytes = await this.client.retrieve(instance.study, instance.series, instance.sop);
        await cache.put(instance.sop, bytes, wanted);
        fetchedBytes += bytes.byteLength;
      } catch (error) {
        failure ??= error;
      }
    });
    if (failure) throw failure;
    this.figures = { studies, series, instances: instances.length, fetched: missing.length, fetchedBytes, cachedBytes: cache.bytes };
    this.selected.clear();
    for (const sop of wanted) this.selected.add(InstanceCache.fileOf(sop));
    const result = await this.source.scan();
    return { samples: result.samples, skipped: [...skipped, ...result.skipped] };
  }

  /** The query's instances, found level by level: studies, then their series, then their instances. */
  private async find(): Promise<{ instances: Selected[]; skipped: SkippedFile[]; studies: number; series: number }> {
    const { query, pageSize, concurrency } = this.config;
    const skipped: SkippedFile[] = [];
    const uid = (value: string, what: string, where: string): boolean => {
      if (isUid(value)) return true;
      skipped.push({ id: where, reason: `the PACS gave a ${what} that is not a DICOM UID` });
      return false;
    };
    const params = studyParams(query);
    const searches = query.accessionNumbers
      ? (await this.accessionNumbers(query.accessionNumbers)).map((accession) => ({ ...params, AccessionNumber: accession }))
      : [params];
    const studyUids = new Set<string>();
    for (const found of await mapLimited(searches, concurrency, (p) => this.client.search('/studies', p, pageSize)))
      for (const study of found) {
        const value = jsonValue(study, STUDY);
        if (uid(value, 'Study Instance UID', `study ${value}`)) studyUids.add(value);
      }
    const seriesParams: Record<string, string> = {};
    if (query.modality) seriesParams['Modality'] = query.modality;
    if (query.bodyPart) seriesParams['BodyPartExamined'] = query.bodyPart;
    const seriesOf = await mapLimited([...studyUids], concurrency, async (study) =>
      (await this.client.search(`/studies/${study}/series`, seriesParams, pageSize))
        .map((s) => jsonValue(s, SERIES))
        .filter((s) => uid(s, 'Series Instance UID', `series ${s} of study ${study}`))
        .map((s) => ({ study, series: s })),
    );
    const allSeries = seriesOf.flat();
    const instances = (
      await mapLimited(allSeries, concurrency, async ({ study, series }) =>
        (await this.client.search(`/studies/${study}/series/${series}/instances`, {}, pageSize))
          .map((i) => jsonValue(i, SOP))
          .filter((sop) => uid(sop, 'SOP Instance UID', `instance ${sop} of series ${series}`))
          .map((sop) => ({ study, series, sop })),
      )
    ).flat();
    // One instance listed twice (the same series under two searches) is one sample.
    const unique = [...new Map(instances.map((i) => [i.sop, i])).values()].sort((a, b) => (a.sop < b.sop ? -1 : 1));
    return { instances: unique, skipped, studies: studyUids.size, series: allSeries.length };
  }

  private async accessionNumbers(list: NonNullable<DicomWebQuery['accessionNumbers']>): Promise<string[]> {
    const [header, ...rows] = parseCsv(await readConfiguredText(list.file, 'data.query.accessionNumbers.file'));
    const at = header?.indexOf(list.column) ?? -1;
    if (at < 0)
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `data.query.accessionNumbers.file ${path.basename(list.file)} has no column "${list.column}" (data.query.accessionNumbers.column); it has ${header?.join(', ') ?? 'none'}`,
      );
    const numbers = [...new Set(rows.map((row) => row[at]?.trim() ?? '').filter((n) => n !== ''))];
    const bad = numbers.find((n) => n.length > 16 || /[\\*?\p{Cc}]/u.test(n));
    if (bad !== undefined)
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `data.query.accessionNumbers.file holds "${bad}", not an accession number (16 characters at most, no wildcards)`,
      );
    return numbers;
  }
}
