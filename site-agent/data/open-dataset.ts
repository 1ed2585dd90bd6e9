import type { DataConfig, SiteConfig } from '../config/site-config.js';
import { ArffSource } from './arff.source.js';
import { CsvSource } from './csv.source.js';
import type { DatasetSource } from './dataset.js';
import { type DecodeBudget, DEFAULT_DECODE_BUDGET } from './decode-budget.js';
import { DicomSource } from './dicom.source.js';
import { IdxSource } from './idx.source.js';
import { ImageFolderSource } from './image-folder.source.js';
import { MaskedImageFolderSource } from './masked-image-folder.source.js';
import { NiftiSource } from './nifti.source.js';

/** The decode budget of a site config, in bytes. */
export function decodeBudgetOf(config: Pick<SiteConfig, 'decodeBudget'>): DecodeBudget {
  return { maxValues: config.decodeBudget.maxValues, maxInflatedBytes: Math.floor(config.decodeBudget.maxInflatedMegabytes * 2 ** 20) };
}

export function openDataset(config: DataConfig, budget: DecodeBudget = DEFAULT_DECODE_BUDGET, maskLabelMap?: Record<string, string>): DatasetSource {
  switch (config.kind) {
    case 'image-folder':
      return new ImageFolderSource(config.path, budget);
    case 'nifti':
      return new NiftiSource(config.images, config.labels ?? null, maskLabelMap ? new Set(Object.keys(maskLabelMap).map(Number)) : null, budget);
    case 'image-masks':
      return new MaskedImageFolderSource(config.images, config.masks, maskLabelMap ? new Set(Object.keys(maskLabelMap).map(Number)) : null, budget);
    case 'idx':
      return new IdxSource(config.images, config.labels, config.classNames, config.limit, budget);
    case 'dicom':
      return new DicomSource({
        root: config.path,
        labelsFile: config.labels,
        keyBy: config.keyBy,
        keyColumn: config.keyColumn,
        labelColumn: config.labelColumn,
        multiFrame: config.multiFrame,
        budget,
      });
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
