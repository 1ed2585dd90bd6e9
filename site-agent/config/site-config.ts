import { readFileSync } from 'node:fs';
import path from 'node:path';

import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { type DicomWebDataConfig, dicomWebDataSchema } from './dicomweb-config.js';

const columnRef = z.union([z.string().min(1), z.number().int().min(0)]);

const dataSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('image-folder'),
    /** One subfolder per class, holding PNG or JPEG files. */
    path: z.string().min(1),
  }),
  z.strictObject({
    kind: z.literal('image-masks'),
    /** A folder of PNG or JPEG images. */
    images: z.string().min(1),
    /**
     * A folder of PNG masks, each named as its image, one 8-bit label value per pixel; or, with several readers, a
     * folder per reader ({ dr-a: ./masks-a, dr-b: ./masks-b }; a reader may leave images out). The mean Dice between
     * readers enters the profile; the training mask is their consensus by maskConsensus.
     */
    masks: z.union([z.string().min(1), z.record(z.string().min(1).max(64), z.string().min(1))]),
    /**
     * Several readers' masks: majority takes, per pixel, the value more than half of the case's readers drew (else
     * background, 0); { adjudicator: <reader> } takes that reader's mask where they drew one, else the majority.
     */
    maskConsensus: z
      .union([z.literal('majority'), z.strictObject({ adjudicator: z.string().min(1) })], {
        message: 'data.maskConsensus is majority or { adjudicator: <reader whose mask wins> }',
      })
      .default('majority'),
  }),
  z.strictObject({
    kind: z.literal('nifti'),
    /** A folder of NIfTI volumes (.nii or .nii.gz), one sample each. */
    images: z.string().min(1),
    /** Segmentation: a folder of label volumes, each named as its image. */
    labels: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('idx'),
    /** MNIST-format image and label files, gzip allowed. */
    images: z.string().min(1),
    labels: z.string().min(1),
    /** Class names by label value; defaults to "0", "1", … */
    classNames: z.array(z.string().min(1)).optional(),
    /** Use only the first N samples. */
    limit: z.number().int().positive().optional(),
  }),
  z
    .strictObject({
      kind: z.literal('dicom'),
      /** Root of a folder tree of .dcm files. */
      path: z.string().min(1),
      /** What one sample is: an image (each frame of a multi-frame file), or a series stacked into a volume. */
      unit: z.enum(['image', 'series']).default('image'),
      /** CSV with a key column and a label column, one row per image (or series); not needed with masks: seg. */
      labels: z.string().min(1).optional(),
      /** Segmentation: masks from the DICOM SEG objects in the tree, joined to the images they reference. */
      masks: z.literal('seg').optional(),
      /**
       * What the key column holds: each file's SOP Instance UID, its Series Instance UID, or its path relative to
       * `path`. Default: sopInstanceUid for images, seriesInstanceUid for series.
       */
      keyBy: z.enum(['sopInstanceUid', 'seriesInstanceUid', 'path']).optional(),
      keyColumn: z.string().min(1).default('key'),
      labelColumn: z.string().min(1).default('label'),
      /** Multi-frame files: one sample per frame, or skip them with the reason. */
      multiFrame: z.enum(['frames', 'refuse']).default('frames'),
    })
    .superRefine((data, ctx) => {
      if (!data.labels && !data.masks)
        ctx.addIssue({ code: 'custom', path: ['labels'], message: 'give a labels CSV (data.labels), or set data.masks: seg to train on DICOM SEG masks' });
      if (data.unit === 'series' && data.keyBy && data.keyBy !== 'seriesInstanceUid')
        ctx.addIssue({
          code: 'custom',
          path: ['keyBy'],
          message: 'a series is labelled by its Series Instance UID: set keyBy: seriesInstanceUid or leave it out',
        });
    }),
  dicomWebDataSchema,
  z.strictObject({
    kind: z.literal('arff'),
    path: z.string().min(1),
    /** The class attribute; defaults to the last one. */
    labelAttribute: z.string().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('csv'),
    path: z.string().min(1),
    /** By header name, or by 0-based index (needed when header is false). */
    labelColumn: columnRef,
    /** Feature columns in model-input order; defaults to every other column. */
    featureColumns: z.array(columnRef).optional(),
    /** Whether the first line (after skipLines) names the columns. */
    header: z.boolean().default(true),
    /** Lines before the table: a title, or a summary line such as sklearn's "569,30,malignant,benign". */
    skipLines: z.number().int().min(0).default(0),
  }),
]);

export const siteConfigSchema = z.strictObject({
  siteId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'siteId uses lower-case letters, digits, ".", "_" and "-"'),
  /** host:port of the coordinator's gRPC endpoint; the agent dials out to it. */
  coordinator: z.string().regex(/^[^\s:]+:\d{1,5}$/, 'coordinator must be host:port, e.g. coordinator.example.org:50051'),
  /** Folder for the agent's own log of everything it sent, and its receipts. */
  stateDir: z.string().min(1),
  data: dataSchema,
  /**
   * Local label → the run's class name, e.g. { "恶性": malignant, M: malignant, "1": malignant }.
   * Labels already spelled as a class pass unchanged; others are reported as unmapped and not trained on.
   */
  labelMap: z.record(z.string(), z.string().min(1)).default({}),
  /**
   * Segmentation: local mask value → the run's class name, e.g. { "0": background, "2": tumour }, so one hospital's
   * "2 = tumour" and another's "1 = tumour" train as one class. Absent: a mask value is the class's index.
   */
  maskLabelMap: z.record(z.string().regex(/^\d{1,3}$/, 'mask values are 0 to 255'), z.string().min(1)).optional(),
  /**
   * Labels from several readers, in long form: one row per case and reader (a reader may leave cases out). The
   * case column holds the sample's id as `consilium site scan` lists it (relative path, SOP or Series Instance UID,
   * row-N for tables). The training label is the readers' consensus by `consensus`; a case without one is not
   * trained on and is listed by `consilium site review`. Agreement (Cohen's κ per pair, Fleiss' κ or Krippendorff's α
   * over all) enters the data profile, k-guarded.
   */
  readers: z
    .strictObject({
      file: z.string().min(1),
      caseColumn: z.string().min(1).default('case'),
      readerColumn: z.string().min(1).default('reader'),
      labelColumn: z.string().min(1).default('label'),
      consensus: z
        .union([z.literal('majority'), z.literal('unanimous'), z.strictObject({ adjudicator: z.string().min(1) })], {
          message: 'readers.consensus is majority, unanimous, or { adjudicator: <reader whose label wins> }',
        })
        .default('majority'),
    })
    .optional(),
  /**
   * Global models received with tasks that are kept in the state folder per run (the newest; the last is the run's
   * final model), for `consilium site pre-annotate` and `screen-labels`. 0 keeps none.
   */
  keepModels: z.number().int().min(0).max(100).default(2),
  /** What may leave the site in a data profile: counts below minCellSize suppressed; optional Laplace noise of scale 1/epsilon. */
  privacy: z.strictObject({ minCellSize: z.number().int().min(1).default(5), epsilon: z.number().positive().optional() }).default({ minCellSize: 5 }),
  /** The site policy YAML (allowed layers, limits, approval); absent: the defaults, which require approval of every run. */
  policy: z.string().min(1).optional(),
  /** Fraction of samples held out for validation, chosen by a hash of each sample's id so it never changes. */
  validationFraction: z.number().min(0).max(0.9).default(0.2),
  /** auto tries tfjs-node-gpu, tfjs-node, wasm, cpu in that order. CONSILIUM_BACKEND overrides. */
  backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'),
  /**
   * DICOM de-identification (PS3.15 annex E): the Basic Profile's retain options the site's policy applies. What
   * they keep (full dates, device or institution identity, patient characteristics such as age and sex, UIDs) is not
   * counted as identifying in the profile, and stays in the de-identified cache.
   */
  deidentification: z
    .strictObject({
      retain: z.array(z.enum(['fullDates', 'deviceIdentity', 'institutionIdentity', 'patientCharacteristics', 'uids'])).default([]),
      /**
       * Train on de-identified copies (DICOM sources): each file is de-identified by the Basic Profile with these
       * options at scan into <stateDir>/deidentified, and decoding reads only the copies.
       */
      cache: z.boolean().default(false),
    })
    .default({ retain: [], cache: false }),
  /** How far one file may expand when decoded; an over-budget file is skipped and counted under the limit it broke. */
  decodeBudget: z
    .strictObject({
      maxValues: z.number().int().positive().default(150_000_000),
      maxInflatedMegabytes: z.number().positive().default(256),
    })
    .default({ maxValues: 150_000_000, maxInflatedMegabytes: 256 }),
  /**
   * Threads a training step may use (data-parallel: each takes a shard of the batch, their gradients are averaged
   * into one step); default every core. A step too small to gain, or a model that cannot be split (batch
   * normalization, soft Dice, FedProx), trains on one thread whatever this says.
   */
  training: z.strictObject({ threads: z.union([z.literal('all'), z.number().int().min(1).max(256)]).default('all') }).default({ threads: 'all' }),
  /** How training is fed: batches decoded ahead of the step, and decoded images kept between epochs. */
  feed: z
    .strictObject({
      prefetchBatches: z.number().int().min(0).max(64).default(4),
      cacheMegabytes: z.number().int().min(0).default(1024),
    })
    .default({ prefetchBatches: 4, cacheMegabytes: 1024 }),
  reconnect: z
    .strictObject({
      initialDelayMs: z.number().int().min(10).default(500),
      maxDelayMs: z.number().int().min(100).default(30_000),
    })
    .default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
});

export type SiteConfig = z.infer<typeof siteConfigSchema>;
export type DataConfig = SiteConfig['data'];

/** A DICOMweb source's files, from the config's folder; its cache in the state folder unless placed elsewhere. */
function resolveDicomWeb(data: DicomWebDataConfig, resolve: (p: string) => string, stateDir: string): DicomWebDataConfig {
  const { auth, query } = data;
  return {
    ...data,
    ...(data.labels ? { labels: resolve(data.labels) } : {}),
    auth:
      auth.kind === 'basic'
        ? { ...auth, passwordFile: resolve(auth.passwordFile) }
        : auth.kind === 'bearer'
          ? { ...auth, tokenFile: resolve(auth.tokenFile) }
          : auth,
    query: query.accessionNumbers ? { ...query, accessionNumbers: { ...query.accessionNumbers, file: resolve(query.accessionNumbers.file) } } : query,
    cache: { ...data.cache, path: data.cache.path ? resolve(data.cache.path) : path.join(stateDir, 'dicomweb-cache') },
  };
}

/** Reads and checks a site agent's YAML config; relative paths are taken from the config file's folder. */
export function loadSiteConfig(file: string, env: NodeJS.ProcessEnv = {}): SiteConfig {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConsiliumError('INVALID_ARGUMENT', `cannot read site config ${file}: ${describeError(error)}`);
  }
  const result = siteConfigSchema.safeParse(raw);
  if (!result.success) throw ConsiliumError.fromZod(`site config (${file})`, result.error);
  const config = result.data;
  const base = path.dirname(path.resolve(file));
  const resolve = (p: string): string => path.resolve(base, p);
  const data: DataConfig =
    config.data.kind === 'dicomweb'
      ? resolveDicomWeb(config.data, resolve, resolve(config.stateDir))
      : config.data.kind === 'idx'
        ? { ...config.data, images: resolve(config.data.images), labels: resolve(config.data.labels) }
        : config.data.kind === 'dicom'
          ? { ...config.data, path: resolve(config.data.path), ...(config.data.labels ? { labels: resolve(config.data.labels) } : {}) }
          : config.data.kind === 'image-masks'
            ? {
                ...config.data,
                images: resolve(config.data.images),
                masks:
                  typeof config.data.masks === 'string'
                    ? resolve(config.data.masks)
                    : Object.fromEntries(Object.entries(config.data.masks).map(([reader, folder]) => [reader, resolve(folder)])),
              }
            : config.data.kind === 'nifti'
              ? { ...config.data, images: resolve(config.data.images), ...(config.data.labels ? { labels: resolve(config.data.labels) } : {}) }
              : { ...config.data, path: resolve(config.data.path) };
  const forced = env['CONSILIUM_BACKEND'];
  if (forced !== undefined && forced !== '' && !['auto', 'tensorflow', 'wasm', 'cpu'].includes(forced)) {
    throw new ConsiliumError('INVALID_ARGUMENT', `CONSILIUM_BACKEND must be auto, tensorflow, wasm or cpu, not "${forced}"`);
  }
  return {
    ...config,
    stateDir: resolve(config.stateDir),
    data,
    ...(config.policy ? { policy: resolve(config.policy) } : {}),
    ...(config.readers ? { readers: { ...config.readers, file: resolve(config.readers.file) } } : {}),
    backend: (forced || config.backend) as SiteConfig['backend'],
  };
}
