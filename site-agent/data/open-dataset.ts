import type { DataConfig } from '../config/site-config.js';
import { CsvSource } from './csv.source.js';
import { ArffSource } from './arff.source.js';
import type { DatasetSource } from './dataset.js';
import { DicomSource } from './dicom.source.js';
import { IdxSource } from './idx.source.js';
import { ImageFolderSource } from './image-folder.source.js';

export function openDataset(config: DataConfig): DatasetSource {
  switch (config.kind) {
    case 'image-folder':
      return new ImageFolderSource(config.path);
    case 'idx':
      return new IdxSource(config.images, config.labels, config.classNames, config.limit);
    case 'dicom':
      return new DicomSource({ root: config.path, labelsFile: config.labels, keyBy: config.keyBy, keyColumn: config.keyColumn, labelColumn: config.labelColumn, multiFrame: config.multiFrame });
    case 'arff':
      return new ArffSource(config.path, config.labelAttribute);
    case 'csv':
      return new CsvSource(config.path, config.labelColumn, config.featureColumns);
  }
}
