import type { Clock } from '../../common/clock.js';
import type { LogFields } from '../../common/log.js';
import type { Preprocessing } from '../../common/preprocessing.schema.js';
import type { RunSpec } from '../../common/run-spec.schema.js';
import type { SecAggDownMessage, SecAggUpMessage } from '../../common/secure-aggregation/secagg-wire.js';
import type { SiteReport, TaskOrder, UpdateHeader, UpdateReceipt } from '../../common/task-order.js';
import type { NamedTensor } from '../../common/tensor-codec.js';
import type { evaluateLocally, LocalData, trainLocally } from '../training/trainer.js';

/** The agent's logger: a message and the run, round and task it is about (the site id is on every line already). */
export interface AgentLogger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
}

/**
 * What a task needs from the rest of the agent: a small interface, so the
 * pipeline in runTask is tested and read without a network, a disk or a
 * model, and the agent wires the real parts in.
 */
export interface TaskDeps {
  /** The spec the site consented to for the task's run; throws why the site does not take the task. */
  approve(task: TaskOrder): Promise<RunSpec>;
  /** The task's base model, checked by size and SHA-256. */
  fetchModel(task: TaskOrder): Promise<Uint8Array>;
  /** Tensors a run keeps at this site (FedBN's batch norms), never sent. */
  localTensors: { load(runId: string): Promise<NamedTensor[] | null>; save(runId: string, tensors: readonly NamedTensor[]): Promise<void> };
  /** The site's rows for a model's input and classes; `reviewedLabelsOnly` leaves out model-assisted labels no reader reviewed. */
  localData(inputShape: number[], classes: string[], preprocessing: Preprocessing, reviewedLabelsOnly?: boolean): Promise<LocalData>;
  train: typeof trainLocally;
  evaluate: typeof evaluateLocally;
  /** Updates trained but not yet receipted: an agent restarted mid-upload sends the stored one instead of training again. */
  outbox: {
    load(taskId: string): Promise<{ header: UpdateHeader; container: Uint8Array } | null>;
    save(taskId: string, header: UpdateHeader, container: Uint8Array): Promise<void>;
    remove(taskId: string): Promise<void>;
  };
  /** Enters one more noised update of the run, trained on `trainSamples`, in the site's privacy ledger, once it is in the outbox (before it leaves). */
  recordSpend(task: TaskOrder, spec: RunSpec, trainSamples: number): Promise<void>;
  /** Sends the update (resuming where the coordinator stopped) and returns its receipt. */
  deliver(task: TaskOrder, header: UpdateHeader, container: Uint8Array, label: string): Promise<UpdateReceipt>;
  /** A secure-aggregation task's exchange with the coordinator: its messages up the stream, and the coordinator's in phase order. */
  secureAggregation: {
    open(taskId: string): {
      send(message: SecAggUpMessage): void;
      next<K extends SecAggDownMessage['kind']>(kind: K, timeoutMs: number): Promise<Extract<SecAggDownMessage, { kind: K }>>;
      close(): void;
    };
  };
  clock: Clock;
  /** Up the stream to the coordinator: progress, evaluations, failures. */
  report(report: SiteReport): void;
  /** The site's own record of everything that left. */
  log: { append(entry: Record<string, unknown>): Promise<void> };
  logger: AgentLogger;
  /** The site's minimum cell size: no count below it leaves the site. */
  minCellSize: number;
  /** Site policy sharePersonalisedTensors: a cross-site run may receive the tensors this site keeps. */
  sharePersonalisedTensors: boolean;
  /** This site's id: mixed into the augmentation seed, so sites augment differently. */
  siteId: string;
  prefetchBatches: number;
  /** Threads a training step may use (site.yaml training.threads, resolved). */
  trainingThreads: number;
}
