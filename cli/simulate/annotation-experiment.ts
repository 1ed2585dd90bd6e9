import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { bareProfile, type DataProfile } from '../../common/data-profile.schema.js';
import { type ModelTopology, normalizeTopology } from '../../common/model-spec.schema.js';
import { strategySchema } from '../../common/run-spec.schema.js';
import { seededRandom } from '../../common/seeded-random.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import { compareSites } from '../../coordinator/domain/data-quality.js';
import { agreementFailures } from '../../coordinator/domain/quality-gate.js';
import { worklistOf } from '../../site-agent/annotation/worklist.js';
import { RowCache } from '../../site-agent/data/decoded-rows.js';
import { summariseAgreement } from '../../site-agent/data/reader-labels.js';
import { guardProfile } from '../../site-agent/profile/privacy-guard.js';
import { cohensKappa, consensusLabel } from '../../site-agent/profile/reader-agreement.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import type { FeatureRows } from '../../site-agent/training/feature-rows.js';
import { predictProbabilities } from '../../site-agent/training/predict.js';
import { evaluateLocally, type LocalData } from '../../site-agent/training/trainer.js';
import { demoRunSpec } from '../demo/demo.js';
import { PRIMARY_READER, simulatedReadings } from '../demo/simulated-readers.js';
import { DEMO_CLASSES, DEMO_SITES, IMAGE_SIZE } from '../demo/synthetic-lesions.js';
import { demoSiteData } from './demo-data.js';
import { simulate, type SimulatedSite } from './simulation.js';

/** The demo's CNN, as its run spec gives it. */
const MODEL = normalizeTopology(demoRunSpec(1)['model'] as ModelTopology);
const JOB = { localEpochs: 2, batchSize: 16, optimizer: 'adam', learningRate: 0.003, loss: 'categoricalCrossentropy' } as const;
/** The primary reader's error rate at the hospitals whose readers agree. */
const GOOD_READERS = 0.05;
/** The gate the experiment's run sets. */
const MIN_KAPPA = 0.6;
/** Of the worklist, the most uncertain share whose errors are counted: where a reader's first hour goes. */
const WORKLIST_HEAD = 0.2;

export interface AnnotationTable {
  rounds: number;
  sites: {
    id: string;
    disagreement: number;
    kappa: number | null;
    interval: [number, number] | null;
    flag: string | null;
    exclusion: string | null;
  }[];
  /** On the sites' validation cases (true labels): FedAvg over every site, and over the sites the gate keeps. */
  scores: { allSites: { accuracy: number; sensitivity: number }; gated: { accuracy: number; sensitivity: number } };
  preAnnotation: {
    labelledFraction: number;
    sites: { id: string; unlabelled: number; changed: number; errorsInWorklistHead: number; modelReaderKappa: number }[];
    /** Mean validation accuracy of the model trained on the first labels, and after retraining on every label. */
    accuracyBefore: number;
    accuracyAfter: number;
  };
}

/** Some rows of a split, with other labels where given (a reader's, not the truth). */
function subset(rows: FeatureRows, picked: readonly number[], labels?: Int32Array): FeatureRows {
  return {
    count: picked.length,
    labels: labels ?? Int32Array.from(picked, (r) => rows.labels[r]!),
    read: (asked) => rows.read(asked.map((r) => picked[r]!)),
  };
}

/** A model's mean accuracy and sensitivity for malignant lesions over every site's validation cases, whose labels are the truth. */
async function scored(weights: readonly NamedTensor[], sites: readonly { data: LocalData }[]): Promise<{ accuracy: number; sensitivity: number }> {
  let accuracy = 0;
  let sensitivity = 0;
  const malignant = DEMO_CLASSES.indexOf('malignant');
  for (const site of sites) {
    const { metrics } = await evaluateLocally({ ...JOB, topology: MODEL, weights: [...weights], seed: 0 }, site.data);
    accuracy += metrics['val_accuracy']!;
    sensitivity += metrics[`val_sensitivity_${malignant}`]!;
  }
  return { accuracy: accuracy / sites.length, sensitivity: sensitivity / sites.length };
}

/** The profile a hospital sends, in what the comparison and the gate read of it: its readers' agreement, through the guard. */
function agreementProfile(summary: ReturnType<typeof summariseAgreement>, cases: number): DataProfile {
  return guardProfile(bareProfile('image-folder', cases, { agreement: summary }), { minCellSize: 5 });
}

/**
 * Annotation quality on the demo hospitals, in one process. First, two
 * readers per case; the last hospital's primary reader errs on a chosen share
 * of cases: its κ is flagged against the others', a minKappa gate leaves it
 * out, and FedAvg with and without it is scored on true labels. Second,
 * pre-annotation: FedAvg on a tenth of the labels, whose model pre-annotates
 * the rest; readers (the truth) correct the worklist; the cases they had to
 * change are the labelling effort, and retraining on every label is scored.
 */
export async function annotationExperiment(options: {
  rounds: number;
  imagesPerSite: number;
  disagreement: number;
  labelledFraction: number;
}): Promise<AnnotationTable> {
  await selectBackend('auto');
  const root = await mkdtemp(path.join(tmpdir(), 'consilium-annotation-'));
  try {
    const cache = new RowCache(512 * 2 ** 20);
    const hospitals: { id: string; data: LocalData }[] = [];
    for (const [i, demo] of DEMO_SITES.entries())
      hospitals.push({ id: demo.id, data: await demoSiteData(root, demo.id, options.imagesPerSite, demo.signature, 1000 + i, cache) });
    const spec = (rounds: number, localEpochs: number = JOB.localEpochs) => ({
      topology: MODEL,
      strategy: strategySchema.parse({ name: 'fedavg' }),
      rounds,
      job: { ...JOB, localEpochs },
      seed: 42,
    });

    // Readers: each site's training labels are its primary reader's; its QC reader reads every case too.
    const read = hospitals.map((h, i) => {
      const disagreement = i === hospitals.length - 1 ? options.disagreement : GOOD_READERS;
      const ids = Array.from({ length: h.data.train.count }, (_, r) => `${h.id}-${r}`);
      const truth = new Map(ids.map((id, r) => [id, DEMO_CLASSES[h.data.train.labels[r]!]!]));
      // The last hospital's primary reader misses malignancies: the error that matters, and the usual way readers differ.
      const table = simulatedReadings(truth, DEMO_CLASSES, disagreement, 77 + i, i === hospitals.length - 1 ? 'benign' : undefined);
      const rule = { kind: 'adjudicator' as const, reader: PRIMARY_READER };
      const labels = Int32Array.from(ids, (id) => DEMO_CLASSES.indexOf((consensusLabel(table.get(id)!, rule) as { label: string }).label));
      const profile = agreementProfile(summariseAgreement(table, ids, rule), ids.length);
      return { hospital: h, disagreement, profile, site: { id: h.id, data: { ...h.data, train: { ...h.data.train, labels } } } satisfies SimulatedSite };
    });
    const quality = compareSites(read.map((r) => ({ siteId: r.hospital.id, profile: r.profile })));
    const exclusions = read.map((r) => agreementFailures(r.profile, { minKappa: MIN_KAPPA, noIdentifyingTags: false, noBurnedInAnnotation: false })[0] ?? null);
    const everyone = await simulate(
      spec(options.rounds),
      read.map((r) => r.site),
    );
    const gated = await simulate(
      spec(options.rounds),
      read.filter((_, i) => exclusions[i] === null).map((r) => r.site),
    );

    // Pre-annotation: a tenth labelled at each site (by a seeded draw), the rest for the model to pre-annotate.
    const random = seededRandom(0xa11);
    const splits = hospitals.map((h) => {
      const rows = Array.from({ length: h.data.train.count }, (_, r) => r);
      const flags = rows.map(() => random() < options.labelledFraction);
      return { h, labelled: rows.filter((r) => flags[r]), unlabelled: rows.filter((r) => !flags[r]) };
    });
    // As many local steps as training on every label takes: a tenth of the cases, ten times the epochs.
    const early = await simulate(
      spec(options.rounds, Math.round(JOB.localEpochs / options.labelledFraction)),
      splits.map(({ h, labelled }) => ({ id: h.id, data: { ...h.data, train: subset(h.data.train, labelled) } })),
    );
    const worked = [];
    for (const { h, unlabelled } of splits) {
      const rows = subset(h.data.train, unlabelled);
      const probabilities = await predictProbabilities(MODEL, early.global, rows, [IMAGE_SIZE, IMAGE_SIZE, 1], DEMO_CLASSES.length);
      const ids = unlabelled.map((r) => `${h.id}-${r}`);
      const worklist = worklistOf(ids, probabilities, DEMO_CLASSES);
      const truthOf = (id: string): string => DEMO_CLASSES[h.data.train.labels[Number(id.slice(h.id.length + 1))]!]!;
      const wrong = worklist.map((w) => w.predicted !== truthOf(w.caseId));
      const head = Math.ceil(worklist.length * WORKLIST_HEAD);
      const changed = wrong.filter(Boolean).length;
      worked.push({
        id: h.id,
        unlabelled: worklist.length,
        changed,
        errorsInWorklistHead: changed === 0 ? 0 : wrong.slice(0, head).filter(Boolean).length / changed,
        modelReaderKappa: cohensKappa(
          worklist.map((w) => w.predicted),
          worklist.map((w) => truthOf(w.caseId)),
        ).kappa,
      });
    }
    // The readers' corrections are the truth: retrain on every label.
    const after = await simulate(
      spec(options.rounds),
      hospitals.map((h) => ({ id: h.id, data: h.data })),
    );
    return {
      rounds: options.rounds,
      sites: read.map((r, i) => ({
        id: r.hospital.id,
        disagreement: r.disagreement,
        kappa: r.profile.agreement?.value ?? null,
        interval: r.profile.agreement?.interval ?? null,
        flag: quality[i]!.flags.find((f) => f.startsWith('reader agreement')) ?? null,
        exclusion: exclusions[i]!,
      })),
      scores: { allSites: await scored(everyone.global, hospitals), gated: await scored(gated.global, hospitals) },
      preAnnotation: {
        labelledFraction: options.labelledFraction,
        sites: worked,
        accuracyBefore: (await scored(early.global, hospitals)).accuracy,
        accuracyAfter: (await scored(after.global, hospitals)).accuracy,
      },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function renderAnnotationTable(table: AnnotationTable): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const pre = table.preAnnotation;
  const total = pre.sites.reduce((n, s) => n + s.unlabelled, 0);
  const changed = pre.sites.reduce((n, s) => n + s.changed, 0);
  return [
    `Reader agreement (two readers per case; the primary reader's labels train; gate qualityGate.minKappa ${MIN_KAPPA}):`,
    "| site | primary reader's error rate | Fleiss' κ (95 % interval) | comparison | gate |",
    '| --- | --- | --- | --- | --- |',
    ...table.sites.map(
      (s) =>
        `| ${s.id} | ${pct(s.disagreement)} | ${s.kappa?.toFixed(3) ?? 'withheld'}${s.interval ? ` (${s.interval[0].toFixed(3)} to ${s.interval[1].toFixed(3)})` : ''} | ${s.flag ? 'flagged' : 'ok'} | ${s.exclusion ? 'excluded' : 'kept'} |`,
    ),
    '',
    `On true labels after ${table.rounds} rounds of FedAvg, mean over the sites' validation cases:`,
    '| trained on | accuracy | sensitivity (malignant) |',
    '| --- | --- | --- |',
    `| every site | ${pct(table.scores.allSites.accuracy)} | ${pct(table.scores.allSites.sensitivity)} |`,
    `| the sites the gate keeps | ${pct(table.scores.gated.accuracy)} | ${pct(table.scores.gated.sensitivity)} |`,
    '',
    `Pre-annotation: FedAvg on ${pct(pre.labelledFraction)} of the labels pre-annotates the rest; readers correct the worklist (most uncertain first):`,
    `| site | cases pre-annotated | changed by the reader | of those errors, in the first ${pct(WORKLIST_HEAD)} of the worklist | Cohen's κ model–reader |`,
    '| --- | --- | --- | --- | --- |',
    ...pre.sites.map(
      (s) =>
        `| ${s.id} | ${s.unlabelled} | ${s.changed} (${pct(s.changed / Math.max(1, s.unlabelled))}) | ${pct(s.errorsInWorklistHead)} | ${s.modelReaderKappa.toFixed(3)} |`,
    ),
    '',
    `Labelling effort: readers changed ${changed} of ${total} cases (${pct(changed / Math.max(1, total))}) instead of labelling all ${total}. Mean validation accuracy: ${pct(pre.accuracyBefore)} on the first labels, ${pct(pre.accuracyAfter)} after retraining on every label.`,
  ].join('\n');
}
