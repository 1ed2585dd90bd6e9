import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { inputShapeOf, type ModelTopology, modelTopologySchema } from '../../common/model-spec.schema.js';
import { replaceFile } from '../../common/replace-file.js';
import { decodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { loadSiteConfig, type SiteConfig } from '../config/site-config.js';
import type { DatasetSource, SampleRef } from '../data/dataset.js';
import { decodedRows, RowCache } from '../data/decoded-rows.js';
import { LabelVocabulary } from '../data/label-vocabulary.js';
import { openSiteDataset } from '../data/open-dataset.js';
import { LocalTensorStore } from '../local-tensors.js';
import { type ReceivedModel, ReceivedModels } from '../received-models.js';
import { selectBackend } from '../training/backend.js';
import { predictProbabilities } from '../training/predict.js';
import { withLocalTensors } from '../training/shared-tensors.js';
import { AnnotationRecords, type AssistedLabel, type PreAnnotation, reviewFigures } from './annotation-records.js';
import { importMasks, preAnnotateMasks } from './mask-pre-annotation.js';
import { type Correction, readCorrections, worklistCsv, worklistOf, type WorklistRow } from './worklist.js';

/** Decoded rows held while predicting: enough for a batch of large images, bounded whatever the data. */
const PREDICTION_CACHE_BYTES = 64 * 2 ** 20;

/** The opened site: its config, its dataset (readers' consensus and imported labels applied), its records. */
export function openSite(configFile: string): { config: SiteConfig; source: DatasetSource; records: AnnotationRecords } {
  const config = loadSiteConfig(configFile, process.env);
  return { config, source: openSiteDataset(config), records: AnnotationRecords.inStateDir(config.stateDir) };
}

/** A received model ready to run here: its topology, and its tensors with this site's own (FedBN) in place. */
async function loadModel(config: SiteConfig, model: ReceivedModel): Promise<{ topology: ModelTopology; weights: NamedTensor[] }> {
  if (model.preprocessing.sliceAxis) {
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `run ${model.runId} trains on slices of volumes (preprocessing.sliceAxis); a case-level prediction needs a model of whole cases`,
    );
  }
  await selectBackend(config.backend);
  const parsed = modelTopologySchema.safeParse(JSON.parse(model.topologyJson));
  if (!parsed.success) throw ConsiliumError.fromZod(`model topology of ${model.modelVersionId}`, parsed.error);
  const global = decodeTensors(await ReceivedModels.inStateDir(config.stateDir, config.keepModels).container(model));
  const local = model.sharedTensors.length > 0 ? await LocalTensorStore.inStateDir(config.stateDir).load(model.runId) : null;
  return { topology: parsed.data, weights: withLocalTensors(global, local, model.sharedTensors) };
}

/** Each sample's class probabilities under a model this site received, row-major. */
export async function predictCases(config: SiteConfig, source: DatasetSource, model: ReceivedModel, samples: readonly SampleRef[]): Promise<Float32Array> {
  const { topology, weights } = await loadModel(config, model);
  const inputShape = inputShapeOf(topology);
  const rows = decodedRows(source, samples, new Int32Array(samples.length), inputShape, new RowCache(PREDICTION_CACHE_BYTES), model.preprocessing);
  return predictProbabilities(topology, weights, rows, inputShape, model.classes.length);
}

export function describeModel(model: ReceivedModel): string {
  return `model ${model.modelVersionId} (round ${model.round}, sha256 ${model.sha256.slice(0, 12)}…)`;
}

/**
 * `consilium site pre-annotate`: runs a global model this site received on
 * its unlabelled cases (not those waiting for the readers' adjudication) and
 * writes, locally, a worklist ordered by uncertainty, most uncertain first.
 * The predictions are recorded in the state folder, so `import-labels` knows
 * what the model said whatever the worklist's columns say later.
 */
export async function sitePreAnnotate(
  configFile: string,
  runId: string,
  options: { version?: string; out?: string } = {},
  clock = new Clock(),
): Promise<{ rows: WorklistRow[]; file: string | null; text: string }> {
  const { config, source, records } = openSite(configFile);
  const model = ReceivedModels.inStateDir(config.stateDir, config.keepModels).pick(runId, options.version);
  const name = `${runId}-${model.sha256.slice(0, 12)}`;
  let rows: WorklistRow[];
  let file: string;
  if (source.segmentation) {
    // Masks: the worklist and the predicted PNGs the readers correct in place, in one folder.
    const folder = path.resolve(options.out ?? path.join(config.stateDir, 'worklists', name));
    const { topology, weights } = await loadModel(config, model);
    rows = await preAnnotateMasks(config, source, model, topology, weights, folder, records, clock);
    if (rows.length === 0) return { rows, file: null, text: 'no unlabelled cases: every image has a mask' };
    file = path.join(folder, 'worklist.csv');
  } else {
    const { samples } = await source.scan();
    const disputed = new Set((source.review?.() ?? []).map((item) => item.caseId));
    const unlabelled = samples.filter((s) => s.label === '' && !disputed.has(s.id));
    if (unlabelled.length === 0) {
      return {
        rows: [],
        file: null,
        text: `no unlabelled cases: every case has a label${disputed.size ? ` or waits for adjudication (${disputed.size}, see consilium site review)` : ''}`,
      };
    }
    rows = worklistOf(
      unlabelled.map((s) => s.id),
      await predictCases(config, source, model, unlabelled),
      model.classes,
    );
    file = path.resolve(options.out ?? path.join(config.stateDir, 'worklists', `${name}.csv`));
    const at = clock.iso();
    await records.recordPreAnnotations(
      Object.fromEntries(
        rows.map((r): [string, PreAnnotation] => [
          r.caseId,
          { runId, modelVersionId: model.modelVersionId, modelSha256: model.sha256, predicted: r.predicted, probability: r.probability, at },
        ]),
      ),
    );
  }
  await replaceFile(file, worklistCsv(rows));
  const byClass = source.segmentation
    ? `${rows.filter((r) => r.predicted !== 'none').length} with something drawn`
    : model.classes.map((c) => `${c} ${rows.filter((r) => r.predicted === c).length}`).join(', ');
  const text = [
    `pre-annotated ${rows.length} unlabelled cases with ${describeModel(model)} of run ${runId}: ${byClass}`,
    `worklist (most uncertain first): ${file}`,
    source.segmentation
      ? 'readers correct each mask file (the mask column) in place, write reviewed in the label column and their name in reader, then:'
      : 'readers fill the label column (the predicted class, or their own) and the reader column, then:',
    `  consilium site import-labels --config ${configFile} --file ${file}`,
  ].join('\n');
  return { rows, file, text };
}

/** What an import did, and whether the review looks like a rubber stamp. */
export interface ImportSummary {
  imported: number;
  reviewed: number;
  changed: number;
  unreviewed: number;
  /** Rows the readers left empty (and --accept-unreviewed was not given): not imported. */
  left: number;
  /** Cohen's κ between the model's class and the reader's, over the reviewed rows of this import. */
  modelReaderKappa: number | null;
  /** Masks: the mean Dice between the model's masks and the reviewed ones. */
  modelReaderDice?: number | null;
  rubberStamp: boolean;
}

/**
 * `consilium site import-labels`: reads a worklist the readers filled in.
 * Each label must be a class of the run (or map to one through labelMap);
 * it is recorded as model-assisted, by the model that pre-annotated the case,
 * reviewed, and whether the reader changed it. Rows left empty are skipped,
 * or with `acceptUnreviewed` take the prediction, marked unreviewed.
 */
export async function siteImportLabels(
  configFile: string,
  file: string,
  options: { acceptUnreviewed?: boolean } = {},
  clock = new Clock(),
): Promise<{ summary: ImportSummary; text: string }> {
  const { config, source, records } = openSite(configFile);
  const corrections = readCorrections(await readFile(file, 'utf8'), file);
  const predictions = records.preAnnotations();
  for (const c of corrections) {
    if (!predictions[c.caseId]) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${file} line ${c.line}: case ${c.caseId} was not pre-annotated at this site; labels of other cases belong in the site's own label files`,
      );
    }
  }
  const at = clock.iso();
  const acceptUnreviewed = options.acceptUnreviewed === true;
  const { imported, left } = source.segmentation
    ? await importMasks(config, corrections, file, predictions, records, { acceptUnreviewed, at })
    : importClassLabels(config, corrections, file, predictions, acceptUnreviewed, at);
  await records.recordAssistedLabels(imported);
  const summary = importSummary(Object.values(imported), left, source.segmentation === true);
  const what = source.segmentation ? 'masks' : 'labels';
  const lines = [
    `imported ${summary.imported} ${what} from ${file}: ${summary.reviewed} reviewed (${summary.changed} changed by the reader${summary.reviewed ? `, ${((100 * summary.changed) / summary.reviewed).toFixed(1)} %` : ''}), ${summary.unreviewed} taken unreviewed; ${left} rows left empty were not imported`,
    source.segmentation
      ? `model–reader agreement: mean Dice ${summary.modelReaderDice?.toFixed(3) ?? 'undefined'}`
      : `model–reader agreement: Cohen's κ ${summary.modelReaderKappa?.toFixed(3) ?? 'undefined'}`,
    ...(summary.rubberStamp
      ? [
          `warning: every one of the ${summary.reviewed} reviewed ${what} equals the model's prediction; the review may have been a rubber stamp. Ask the readers whether they looked at each case before these labels train a model.`,
        ]
      : []),
    'the agent trains on these labels from its next start, marked model-assisted in the dataset fingerprint',
  ];
  return { summary, text: lines.join('\n') };
}

function importSummary(entries: readonly AssistedLabel[], left: number, masks: boolean): ImportSummary {
  const review = reviewFigures(entries, masks);
  return {
    imported: entries.length,
    reviewed: review.reviewed,
    changed: review.changed,
    unreviewed: entries.length - review.reviewed,
    left,
    modelReaderKappa: review.modelReaderKappa,
    ...(masks ? { modelReaderDice: review.modelReaderDice } : {}),
    rubberStamp: review.reviewed > 0 && review.changed === 0,
  };
}

/** Class labels read back: each must be a class of the run, or map to one through labelMap. */
function importClassLabels(
  config: SiteConfig,
  corrections: readonly Correction[],
  file: string,
  predictions: Record<string, PreAnnotation>,
  acceptUnreviewed: boolean,
  at: string,
): { imported: Record<string, AssistedLabel>; left: number } {
  const models = ReceivedModels.inStateDir(config.stateDir, config.keepModels).list();
  const vocabulary = new LabelVocabulary(config.labelMap);
  const imported: Record<string, AssistedLabel> = {};
  let left = 0;
  for (const c of corrections) {
    const prediction = predictions[c.caseId]!;
    if (c.label === '') {
      if (!acceptUnreviewed) left += 1;
      else
        imported[c.caseId] = {
          label: prediction.predicted,
          modelSha256: prediction.modelSha256,
          predicted: prediction.predicted,
          reviewed: false,
          changed: false,
          reader: null,
          importedAt: at,
        };
      continue;
    }
    const classes = models.find((m) => m.sha256 === prediction.modelSha256)?.classes ?? null;
    const canonical = vocabulary.classify(c.label, classes ?? undefined);
    if (canonical === null || (classes && !classes.includes(canonical))) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${file} line ${c.line}: label "${c.label}" of case ${c.caseId} is not a class of run ${prediction.runId}${classes ? ` (${classes.join(', ')})` : ''} and labelMap maps it to none; correct it or add it to labelMap`,
      );
    }
    imported[c.caseId] = {
      label: canonical,
      modelSha256: prediction.modelSha256,
      predicted: prediction.predicted,
      reviewed: true,
      changed: canonical !== prediction.predicted,
      reader: c.reader,
      importedAt: at,
    };
  }
  return { imported, left };
}
