import path from 'node:path';

import { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { replaceFile } from '../../common/replace-file.js';
import { LabelVocabulary } from '../data/label-vocabulary.js';
import { ReceivedModels } from '../received-models.js';
import { describeModel, openSite, predictCases } from './annotation-commands.js';
import { argMax, csvField } from './worklist.js';

/** A case whose label the model contradicts with confidence, for `consilium site screen-labels`. */
export interface ScreenedCase {
  caseId: string;
  label: string;
  predicted: string;
  probability: number;
  /** human, consensus, model-assisted (reviewed) or model-assisted (unreviewed). */
  labelSource: string;
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
  const { config, source, records } = openSite(configFile);
  if (source.segmentation)
    throw new ConsiliumError('FAILED_PRECONDITION', `data.kind ${config.data.kind} is segmentation: screen-labels compares class labels`);
  const { samples } = await source.scan();
  const model = ReceivedModels.inStateDir(config.stateDir, config.keepModels).pick(runId, options.version);
  const vocabulary = new LabelVocabulary(config.labelMap);
  const labelled = samples.flatMap((s) => {
    const label = vocabulary.classify(s.label, model.classes);
    return label && model.classes.includes(label) ? [{ sample: s, label }] : [];
  });
  const k = model.classes.length;
  const probabilities =
    labelled.length > 0
      ? await predictCases(
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
