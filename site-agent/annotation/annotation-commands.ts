import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { inputShapeOf, modelTopologySchema } from '../../common/model-spec.schema.js';
import { replaceFile } from '../../common/replace-file.js';
import { decodeTensors } from '../../common/tensor-codec.js';
import { loadSiteConfig, type SiteConfig } from '../config/site-config.js';
import type { DatasetSource, SampleRef } from '../data/dataset.js';
import { decodedRows, RowCache } from '../data/decoded-rows.js';
import { LabelVocabulary } from '../data/label-vocabulary.js';
import { openSiteDataset } from '../data/open-dataset.js';
import { LocalTensorStore } from '../local-tensors.js';
import { cohensKappa } from '../profile/reader-agreement.js';
import { type ReceivedModel, ReceivedModels } from '../received-models.js';
import { selectBackend } from '../training/backend.js';
import { predictProbabilities } from '../training/predict.js';
import { withLocalTensors } from '../training/shared-tensors.js';
import { AnnotationRecords, type AssistedLabel, type PreAnnotation } from './annotation-records.js';
import { argMax, csvField, readCorrections, worklistCsv, worklistOf, type WorklistRow } from './worklist.js';

/** Decoded rows held while predicting: enough for a batch of large images, bounded whatever the data. */
const PREDICTION_CACHE_BYTES = 64 * 2 ** 20;

/** A case whose label the model contradicts with confidence, for `consilium site screen-labels`. */
export interface ScreenedCase {
  caseId: string;
  label: string;
  predicted: string;
  probability: number;
  /** human, consensus, model-assisted (reviewed) or model-assisted (unreviewed). */
  labelSource: string;
}

/** The opened site: its config, its dataset scanned (readers' consensus and imported labels applied), its records. */
async function openSite(configFile: string): Promise<{ config: SiteConfig; source: DatasetSource; samples: SampleRef[]; records: AnnotationRecords }> {
  const config = loadSiteConfig(configFile, process.env);
  const source = openSiteDataset(config);
  if (source.segmentation) {
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `data.kind ${config.data.kind} is segmentation: pre-annotation and label screening here work on class labels (predicted masks are not written yet)`,
    );
  }
  const { samples } = await source.scan();
  return { config, source, samples, records: AnnotationRecords.inStateDir(config.stateDir) };
}

/** Each sample's class probabilities under a model this site received (its own FedBN tensors in place), row-major. */
async function predict(config: SiteConfig, source: DatasetSource, model: ReceivedModel, samples: readonly SampleRef[]): Promise<Float32Array> {
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
  const inputShape = inputShapeOf(parsed.data);
  const rows = decodedRows(source, samples, new Int32Array(samples.length), inputShape, new RowCache(PREDICTION_CACHE_BYTES), model.preprocessing);
  return predictProbabilities(parsed.data, withLocalTensors(global, local, model.sharedTensors), rows, inputShape, model.classes.length);
}

function describeModel(model: ReceivedModel): string {
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
  const { config, source, samples, records } = await openSite(configFile);
  const model = ReceivedModels.inStateDir(config.stateDir, config.keepModels).pick(runId, options.version);
  const disputed = new Set((source.review?.() ?? []).map((item) => item.caseId));
  const unlabelled = samples.filter((s) => s.label === '' && !disputed.has(s.id));
  if (unlabelled.length === 0) {
    return {
      rows: [],
      file: null,
      text: `no unlabelled cases: every case has a label${disputed.size ? ` or waits for adjudication (${disputed.size}, see consilium site review)` : ''}`,
    };
  }
  const rows = worklistOf(
    unlabelled.map((s) => s.id),
    await predict(config, source, model, unlabelled),
    model.classes,
  );
  const file = path.resolve(options.out ?? path.join(config.stateDir, 'worklists', `${runId}-${model.sha256.slice(0, 12)}.csv`));
  await replaceFile(file, worklistCsv(rows));
  const at = clock.iso();
  await records.recordPreAnnotations(
    Object.fromEntries(
      rows.map((r): [string, PreAnnotation] => [
        r.caseId,
        { runId, modelVersionId: model.modelVersionId, modelSha256: model.sha256, predicted: r.predicted, probability: r.probability, at },
      ]),
    ),
  );
  const byClass = model.classes.map((c) => `${c} ${rows.filter((r) => r.predicted === c).length}`).join(', ');
  const text = [
    `pre-annotated ${rows.length} unlabelled cases with ${describeModel(model)} of run ${runId}: ${byClass}`,
    `worklist (most uncertain first): ${file}`,
    'readers fill the label column (the predicted class, or their own) and the reader column, then:',
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
  const config = loadSiteConfig(configFile, process.env);
  const records = AnnotationRecords.inStateDir(config.stateDir);
  const corrections = readCorrections(await readFile(file, 'utf8'), file);
  const predictions = records.preAnnotations();
  const models = ReceivedModels.inStateDir(config.stateDir, config.keepModels).list();
  const vocabulary = new LabelVocabulary(config.labelMap);
  const at = clock.iso();
  const imported: Record<string, AssistedLabel> = {};
  let left = 0;
  for (const c of corrections) {
    const prediction = predictions[c.caseId];
    if (!prediction) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `${file} line ${c.line}: case ${c.caseId} was not pre-annotated at this site; labels of other cases belong in the site's own label files`,
      );
    }
    if (c.label === '') {
      if (!options.acceptUnreviewed) left += 1;
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
  await records.recordAssistedLabels(imported);
  const entries = Object.values(imported);
  const reviewed = entries.filter((e) => e.reviewed);
  const changed = reviewed.filter((e) => e.changed).length;
  const kappa = cohensKappa(
    reviewed.map((e) => e.predicted),
    reviewed.map((e) => e.label),
  ).kappa;
  const summary: ImportSummary = {
    imported: entries.length,
    reviewed: reviewed.length,
    changed,
    unreviewed: entries.length - reviewed.length,
    left,
    modelReaderKappa: Number.isFinite(kappa) ? kappa : null,
    rubberStamp: reviewed.length > 0 && changed === 0,
  };
  const lines = [
    `imported ${summary.imported} labels from ${file}: ${summary.reviewed} reviewed (${changed} changed by the reader${summary.reviewed ? `, ${((100 * changed) / summary.reviewed).toFixed(1)} %` : ''}), ${summary.unreviewed} taken unreviewed; ${left} rows left empty were not imported`,
    `model–reader agreement: Cohen's κ ${summary.modelReaderKappa?.toFixed(3) ?? 'undefined'}`,
    ...(summary.rubberStamp
      ? [
          `warning: every one of the ${summary.reviewed} reviewed labels equals the model's prediction; the review may have been a rubber stamp. Ask the readers whether they looked at each case before these labels train a model.`,
        ]
      : []),
    'the agent trains on these labels from its next start, marked model-assisted in the dataset fingerprint',
  ];
  return { summary, text: lines.join('\n') };
}

/**
 * `consilium site screen-labels`: runs a global model this site received on
 * its labelled cases and lists, locally, those whose label the model
 * contradicts with at least `minProbability`, most confident first, for
 * re-reading. The counts (cases screened, cases flagged) are kept for the
 * profile; the list never leaves.
 */
export async function siteScreenLabels(
  configFile: string,
  runId: string,
  options: { version?: string; minProbability?: number; out?: string } = {},
  clock = new Clock(),
): Promise<{ cases: ScreenedCase[]; screened: number; text: string }> {
  const minProbability = options.minProbability ?? 0.9;
  if (!(minProbability > 0 && minProbability <= 1)) throw new ConsiliumError('INVALID_ARGUMENT', `--min-probability ${minProbability} must lie in (0, 1]`);
  const { config, source, samples, records } = await openSite(configFile);
  const model = ReceivedModels.inStateDir(config.stateDir, config.keepModels).pick(runId, options.version);
  const vocabulary = new LabelVocabulary(config.labelMap);
  const labelled = samples.flatMap((s) => {
    const label = vocabulary.classify(s.label, model.classes);
    return label && model.classes.includes(label) ? [{ sample: s, label }] : [];
  });
  const k = model.classes.length;
  const probabilities =
    labelled.length > 0
      ? await predict(
          config,
          source,
          model,
          labelled.map((l) => l.sample),
        )
      : new Float32Array(0);
  const cases = labelled
    .flatMap(({ sample, label }, i): ScreenedCase[] => {
      const p = probabilities.subarray(i * k, (i + 1) * k);
      const best = argMax(p);
      if (model.classes[best] === label || p[best]! < minProbability) return [];
      const from = sample.labelSource;
      const labelSource = !from ? 'human' : from.kind === 'consensus' ? 'consensus' : `model-assisted (${from.reviewed ? 'reviewed' : 'unreviewed'})`;
      return [{ caseId: sample.id, label, predicted: model.classes[best]!, probability: p[best]!, labelSource }];
    })
    .sort((a, b) => b.probability - a.probability || (a.caseId < b.caseId ? -1 : 1));
  await records.recordScreening({ runId, modelSha256: model.sha256, minProbability, screened: labelled.length, flagged: cases.length, at: clock.iso() });
  if (options.out) {
    const csv = [
      'case,label,predicted,probability,label_source',
      ...cases.map((c) => [csvField(c.caseId), csvField(c.label), csvField(c.predicted), c.probability.toFixed(4), c.labelSource].join(',')),
    ];
    await replaceFile(path.resolve(options.out), csv.join('\n') + '\n');
  }
  const text = [
    `screened ${labelled.length} labelled cases with ${describeModel(model)} of run ${runId}: ${cases.length} labels the model contradicts with probability ≥ ${minProbability}`,
    ...cases.map((c) => `${c.caseId}\tlabel ${c.label} (${c.labelSource})\tmodel ${c.predicted} ${c.probability.toFixed(3)}`),
    ...(options.out ? [`written to ${path.resolve(options.out)}`] : []),
  ].join('\n');
  return { cases, screened: labelled.length, text };
}
