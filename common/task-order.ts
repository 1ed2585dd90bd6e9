import type { DataProfile } from './data-profile.schema.js';
import type { Preprocessing } from './preprocessing.schema.js';
import type { SecAggSettings } from './secure-aggregation/secagg-messages.js';
import type { SecAggDownMessage, SecAggUpMessage } from './secure-aggregation/secagg-wire.js';

/** A secure-aggregation round's settings, as each of its training tasks carries them. */
export interface SecureAggregationOrder extends SecAggSettings {
  /** Samples at which a site's weight is 1 (see weightedInput). */
  maxWeight: number;
  /** How long each exchange of the protocol waits for the sites. */
  phaseSeconds: number;
}

/** What a site is told to do; the gRPC edge maps it to a TaskAssignment message. */
export interface TaskOrder {
  taskId: string;
  runId: string;
  round: number;
  modelVersionId: string;
  modelSha256: string;
  modelBytes: number;
  modelTopologyJson: string;
  classes: string[];
  localEpochs: number;
  batchSize: number;
  optimizer: string;
  learningRate: number;
  loss: string;
  deadlineUnixMs: number;
  updateEncoding: string;
  seed: number;
  evaluateOnly: boolean;
  /** FedProx's μ; 0 trains without a proximal term. */
  proximalMu: number;
  /** Tensors shared this round; the site keeps its own values of every other one. Empty: all shared. */
  sharedTensors: string[];
  /** How the site prepares images (normalization, DICOM window). */
  preprocessing: Preprocessing;
  /** The run's spec hash: the site trains only for a spec it holds, and approved where its policy asks. */
  runSpecSha256: string;
  /** Loss weight per class, in the order of classes; empty: every class weighs 1. */
  classWeights: number[];
  /** With this evaluation, send the tensors the site keeps (where its policy allows), for the cross-site matrix. */
  shareLocalTensors: boolean;
  /** The round sums its updates by secure aggregation: the site masks its update instead of uploading it. */
  secureAggregation: SecureAggregationOrder | null;
}

/** A run offered to a site, for its policy check and its hospital IT's approval. */
export interface RunOffer {
  runId: string;
  name: string;
  specSha256: string;
  /** The stored spec, JSON; its canonical form hashes to specSha256. */
  specJson: string;
  status: string;
  createdAt: string;
}

export const CONSENT_STATES = ['approved', 'awaiting-approval', 'refused', 'revoked'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** A site's word on an offered run. */
export interface SiteConsent {
  runId: string;
  specSha256: string;
  state: ConsentState;
  reason: string;
}

/** What a site says about itself when it connects. */
export interface SiteHello {
  siteId: string;
  agentVersion: string;
  protocol: string;
  backend: { name: string; device: string; notes: string[] };
  dataset: {
    kind: string;
    trainSamples: number;
    validationSamples: number;
    classes: string[];
    classCounts: number[];
    inputShape: number[];
    skippedFiles: number;
    fingerprint: string;
  };
  /** The site's guarded data profile, when it sent one that passed the edge checks. */
  profile: DataProfile | null;
  /** Why a profile that was sent was not kept. */
  profileProblem: string | null;
}

/** The header of a submitted update, after edge validation. */
export interface UpdateHeader {
  taskId: string;
  runId: string;
  round: number;
  sampleCount: number;
  metrics: Record<string, number>;
  encoding: string;
  totalBytes: number;
  sha256: string;
  baseModelVersionId: string;
}

/** The coordinator's answer to a submitted update, signed so the site can prove later what was recorded. */
export interface UpdateReceipt {
  updateId: string;
  sha256: string;
  accepted: boolean;
  reason: string;
  receivedAtUnixMs: number;
  taskId: string;
  runId: string;
  round: number;
  /** The audit event that records this submission. */
  auditSeq: number;
  /** Ed25519 over the fields above (common/receipts.ts), base64. */
  signature: string;
  keyId: string;
}

export const TASK_PHASES = ['fetching', 'training', 'evaluating', 'uploading'] as const;

/** What a site reports while it works on a task: live, never stored. */
export interface TaskProgress {
  taskId: string;
  phase: (typeof TASK_PHASES)[number];
  epoch: number;
  epochs: number;
  /** Of the current phase, 0 to 1. */
  fraction: number;
}

/** What a site publishes about its dataset when it connects: counts through its privacy guard, and the fingerprint. */
export type DatasetSummary = SiteHello['dataset'];

/** The hello an agent sends: who it is, its backend, its guarded dataset summary and profile. */
export type AgentHello = Omit<SiteHello, 'profile' | 'profileProblem'> & { profile: DataProfile | null };

/** What a site sends up its stream after the hello. */
export type SiteReport =
  | { kind: 'heartbeat'; sentAtUnixMs: number }
  | { kind: 'progress'; progress: TaskProgress }
  | { kind: 'consent'; consent: SiteConsent }
  | { kind: 'failure'; taskId: string; reason: string }
  | { kind: 'evaluation'; taskId: string; sampleCount: number; metrics: Record<string, number>; localTensors?: Uint8Array }
  | { kind: 'secagg'; taskId: string; message: SecAggUpMessage };

/** What the coordinator sends down a site's stream, as the agent reads it. A task or offer that did not parse says why. */
export type CoordinatorOrder =
  | { kind: 'welcome'; heartbeatIntervalMs: number }
  | { kind: 'task'; task: TaskOrder }
  | { kind: 'malformed-task'; taskId: string; reason: string }
  | { kind: 'offer'; offer: RunOffer }
  | { kind: 'malformed-offer'; reason: string }
  | { kind: 'cancel'; taskId: string; reason: string }
  | { kind: 'secagg'; taskId: string; message: SecAggDownMessage }
  | { kind: 'malformed-secagg'; taskId: string; reason: string };
