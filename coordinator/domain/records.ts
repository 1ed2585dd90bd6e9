import type { FeatureScaling } from '../../common/preprocessing.schema.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import type { EarlyStop, SelectedModel } from './model-selection.js';

/**
 * The plain records services take and return. Repositories map them to and
 * from their TypeORM entities, so nothing above persistence/ holds an entity
 * or depends on how a column is stored.
 */

export type RunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export type RoundStatus = 'collecting' | 'completed' | 'failed' | 'cancelled';
/** A training round produces a model version; the closing evaluation round only measures the last one. */
export type RoundKind = 'train' | 'evaluate';
export type TaskStatus = 'sent' | 'accepted' | 'failed' | 'expired' | 'cancelled';
export type UpdateStatus = 'accepted' | 'rejected';

export interface RunExclusion {
  siteId: string;
  reason: string;
  at: string;
}

export interface Run {
  id: string;
  name: string;
  spec: RunSpec;
  specSha256: string;
  status: RunStatus;
  /** Last completed training round; 0 before the first. */
  completedRounds: number;
  latestModelVersionId: string | null;
  error: string | null;
  /** Sites the run's quality gate or round policy left out, each with the reason and when. */
  exclusions: RunExclusion[] | null;
  /** Pooled per-feature mean and standard deviation, fixed before round 1 when the spec standardizes federatedly. */
  featureScaling?: FeatureScaling | null;
  /** `classWeights: balanced` resolved from the pooled label counts before round 1, in the order of classes. */
  classWeights?: number[] | null;
  /** The best model version so far by the spec's selection metric. */
  selection?: SelectedModel | null;
  /** Set when early stopping ended the run before its last round. */
  stoppedEarly?: EarlyStop | null;
  createdAt: string;
  updatedAt: string;
}

export interface Round {
  id: string;
  runId: string;
  number: number;
  kind: RoundKind;
  status: RoundStatus;
  baseModelVersionId: string;
  resultModelVersionId: string | null;
  quorum: number;
  /** Updates the round wants: it closes as soon as that many are accepted (over-selected sites are then cancelled). */
  target: number | null;
  startedAt: string;
  deadlineAt: string;
  completedAt: string | null;
  /** Sample-weighted means of the sites' metrics for this round. */
  metrics: Record<string, number> | null;
  error: string | null;
}

/** What the strategy told this site for this round, beyond the run spec. */
export interface TaskInstructions {
  proximalMu: number;
  hyperParameters: { localEpochs?: number; learningRate?: number; batchSize?: number };
  /** Tensors the site receives and sends as shared; the rest stay at the site. */
  sharedTensors: string[];
}

export interface Task {
  id: string;
  runId: string;
  roundId: string;
  roundNumber: number;
  siteId: string;
  status: TaskStatus;
  sentAt: string;
  finishedAt: string | null;
  reason: string | null;
  instructions: TaskInstructions | null;
}

/** Every submission is recorded, rejected ones too, with the reason. */
export interface Update {
  id: string;
  taskId: string;
  runId: string;
  roundNumber: number;
  siteId: string;
  sha256: string;
  bytes: number;
  sampleCount: number;
  metrics: Record<string, number>;
  /** L2 norm of the delta over its shared tensors; null for evaluations and rejected updates. */
  l2Norm: number | null;
  /** The factor aggregation scales this update by, judged at intake (1 unless the run clips and the norm exceeds the bound). */
  clipFactor: number;
  status: UpdateStatus;
  reason: string | null;
  receivedAt: string;
  /** The audit event that recorded the submission; a resent identical update is answered with the same receipt. */
  auditSeq: number | null;
}

export interface ModelContributor {
  updateId: string;
  siteId: string;
  sha256: string;
  sampleCount: number;
}

/** An immutable global model; its bytes live in the blob store under sha256. */
export interface ModelVersion {
  id: string;
  runId: string;
  /** 0 for the initial weights, r for the result of round r. */
  round: number;
  sha256: string;
  bytes: number;
  parentId: string | null;
  contributors: ModelContributor[];
  /** Metrics of this version measured at the sites before they trained on it. */
  evaluation: Record<string, number> | null;
  /** The strategy's server state after this version (momentum, moments), a tensor container in the blob store. */
  strategyStateSha256: string | null;
  /** How the strategy built this version: its name, the sites used, and those excluded with the reason. */
  aggregation: {
    strategy: string;
    used: string[];
    excluded: { siteId: string; reason: string }[];
    /** Under privacy.noise central: the sites the mean was divided by and the noise's standard deviation per coordinate. */
    centralNoise?: { sites: number; stdDev: number };
  } | null;
  /** Where a run's version 0 took its weights from, when not from the seeded initializer. */
  origin: ModelOrigin | null;
  createdAt: string;
}

/**
 * The starting point of a run: an uploaded model or a version of an earlier
 * run. Tensors whose name and shape match are taken from it; the rest (a new
 * classification head) start from the seeded initializer.
 */
export interface ModelOrigin {
  kind: 'initial-model' | 'model-version';
  id: string;
  sha256: string;
  /** The uploaded model's name, or the earlier run's id and round. */
  name: string;
  /** Tensors taken from the starting point, and tensors initialized fresh. */
  taken: string[];
  fresh: string[];
}

/** A model a researcher uploaded to start runs from: its topology, its weights in the blob store, and where it came from. */
export interface InitialModel {
  id: string;
  name: string;
  /** Free text: where the model comes from (a paper, a public checkpoint, an earlier study) and how it was converted. */
  origin: string;
  /** SHA-256 of its weights as a tensor container in the blob store. */
  sha256: string;
  bytes: number;
  /** The normalized tfjs / Keras topology it was uploaded with. */
  topology: Record<string, unknown>;
  parameters: number;
  createdAt: string;
  createdBy: string;
  /** Set for a site's personalised model of a run (FedBN's cross-site matrix): the run, the site, and the global version it completes. */
  runId: string | null;
  siteId: string | null;
  baseVersionId: string | null;
}
