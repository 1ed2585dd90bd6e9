import path from 'node:path';

import { ConsiliumError } from '../../common/errors.js';
import { AnnotationRecords } from '../annotation/annotation-records.js';
import { AssistedLabelSource } from '../annotation/assisted-labels.source.js';
import type { DataConfig, SiteConfig } from '../config/site-config.js';
import type { MaskConsensusRule } from '../profile/reader-agreement.js';
import { ArffSource } from './arff.source.js';
import { CsvSource } from './csv.source.js';
import type { DatasetSource } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET } from './decode-budget.js';
import { DicomSource, labellingOf } from './dicom.source.js';
import { DeidentifiedCache } from './dicom/deid/deidentified-cache.js';
import { DicomSeriesSource } from './dicom-series.source.js';
import { DicomWebSource } from './dicomweb/dicomweb.source.js';
import { IdxSource } from './idx.source.js';
import { ImageFolderSource } from './image-folder.source.js';
import { MaskedImageFolderSource } from './masked-image-folder.source.js';
import { NiftiSource } from './nifti.source.js';
import { ReaderLabelledSource } from './reader-labels.js';

function maskRuleOf(consensus: 'majority' | { adjudicator: string }): MaskConsensusRule {
  return consensus === 'majority' ? { kind: 'majority' } : { kind: 'adjudicator', reader: consensus.adjudicator };
}

/** The decode budget of a site config, in bytes. */
export function decodeBudgetOf(config: Pick<SiteConfig, 'decodeBudget'>): DecodeBudget {
  return { maxValues: config.decodeBudget.maxValues, maxInflatedBytes: Math.floor(config.decodeBudget.maxInflatedMegabytes * 2 ** 20) };
}

export function openDataset(
  config: DataConfig,
  budget: DecodeBudget = DEFAULT_DECODE_BUDGET,
  maskLabelMap?: Record<string, string>,
  /** DICOM sources: de-identified copies to train on (site config deidentification.cache). */
  deidentified?: () => Promise<DeidentifiedCache>,
): DatasetSource {
  // The local mask values a site maps; a mask holding any other is skipped at scan.
  const mappedValues = maskLabelMap ? new Set(Object.keys(maskLabelMap).map(Number)) : null;
  switch (config.kind) {
    case 'image-folder':
      return new ImageFolderSource(config.path, budget);
    case 'nifti':
      return new NiftiSource(config.images, config.labels ?? null, mappedValues, budget);
    case 'image-masks':
      return new MaskedImageFolderSource(config.images, config.masks, mappedValues, budget, maskRuleOf(config.maskConsensus));
    case 'idx':
      return new IdxSource(config.images, config.labels, config.classNames, config.limit, budget);
    case 'dicom':
      if (config.unit === 'series') {
        if (deidentified) throw new ConsiliumError('INVALID_ARGUMENT', 'deidentification.cache: de-identified copies are made for data.unit image, not series');
        return new DicomSeriesSource({
          root: config.path,
          labelsFile: config.labels,
          keyColumn: config.keyColumn,
          labelColumn: config.labelColumn,
          masks: config.masks,
          mappedValues,
          budget,
        });
      }
      return new DicomSource({
        root: config.path,
        ...labellingOf(config),
        mappedValues,
        budget,
        ...(deidentified ? { deidentified } : {}),
      });
    case 'dicomweb': {
      const cacheDir = config.cache.path;
      if (!cacheDir)
        throw new ConsiliumError('INVALID_ARGUMENT', 'data.cache.path: a DICOMweb source needs a cache folder (loadSiteConfig puts it in stateDir)');
      return new DicomWebSource({ ...config, cacheDir, ...(deidentified ? { deidentified } : {}) }, budget, mappedValues);
    }
    case 'arff':
      return new ArffSource(config.path, config.labelAttribute);
    case 'csv':
      return new CsvSource(config.path, {
        labelColumn: config.labelColumn,
        featureColumns: config.featureColumns,
        header: config.header,
        skipLines: config.skipLines,
      });
  }
}

/**
 * The site's dataset as its config describes it: the source; over it the readers' consensus labels when given; and
 * over that the provenance of labels imported from pre-annotation worklists (in the state folder).
 */
export function openSiteDataset(
  config: Pick<SiteConfig, 'data' | 'decodeBudget' | 'maskLabelMap' | 'readers' | 'stateDir' | 'deidentification'>,
): DatasetSource {
  const { cache, retain } = config.deidentification;
  if (cache && config.data.kind !== 'dicom' && config.data.kind !== 'dicomweb')
    throw new ConsiliumError('INVALID_ARGUMENT', `deidentification.cache: de-identified copies are made of DICOM files; data.kind is ${config.data.kind}`);
  let opened: Promise<DeidentifiedCache> | null = null;
  const deidentified = cache ? () => (opened ??= DeidentifiedCache.open(path.join(config.stateDir, 'deidentified'), retain)) : undefined;
  const source = openDataset(config.data, decodeBudgetOf(config), config.maskLabelMap, deidentified);
  if (source.segmentation && config.readers) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `readers: labels from several readers apply to classification; data.kind ${config.data.kind} is segmentation (give a mask folder per reader in data.masks)`,
    );
  }
  const read = config.readers ? new ReaderLabelledSource(source, config.readers) : source;
  return new AssistedLabelSource(read, AnnotationRecords.inStateDir(config.stateDir));
}
