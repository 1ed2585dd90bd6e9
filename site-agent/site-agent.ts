import type * as grpc from '@grpc/grpc-js';
import { CONSILIUM_VERSION } from '../common/version.js';
import { ConsiliumError, describeError } from '../common/errors.js';
import { inputShapeOf, modelTopologySchema } from '../common/model-spec.schema.js';
import { decodeTensors, encodeTensors, type TensorEncoding } from '../common/tensor-codec.js';
import { sha256Hex } from '../common/hashing.js';
import type { consilium } from '../proto/gen/consilium.js';
import type { SiteConfig } from './config/site-config.js';
import { isValidationSample, type DatasetSource, type SampleRef, type ScanResult } from './data/dataset.js';
import { openDataset } from './data/open-dataset.js';
import type { BackendReport } from './training/backend.js';
import { evaluateLocally, trainLocally, type LocalData, type TrainingJob } from './training/trainer.js';
import type { FeatureRows } from './training/feature-rows.js';
import { decodedRows, RowCache } from './data/decoded-rows.js';
import { CoordinatorClient } from './transport/coordinator-client.js';
import { taskFromProto } from './transport/task.mapper.js';
import type { TaskOrder } from '../common/task-order.js';
import { LocalLog } from './local-log.js';
import { LabelVocabulary } from './data/label-vocabulary.js';
import type { Preprocessing } from '../common/preprocessing.schema.js';
import { merkleRoot } from './profile/merkle.js';
import { profileDataset, type DataProfile } from './profile/data-profile.js';
import { guardProfile } from './profile/privacy-guard.js';
import { LocalTensorStore } from './local-tensors.js';
import { splitTrained, withLocalTensors } from './training/shared-tensors.js';

export const AGENT_VERSION = CONSILIUM_VERSION;

export interface AgentLogger {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The site agent: dials out to the coordinator, keeps the Connect stream
 * open (reconnecting with exponential backoff and jitter), and works through
 * the tasks it is sent one at a time. Only weight deltas and metrics leave.
 */
export class SiteAgent {
  private readonly client: CoordinatorClient;
  private readonly dataset: DatasetSource;
  private readonly log: LocalLog;
  private readonly rowCache: RowCache;
  private readonly localTensors: LocalTensorStore;
  private scan: ScanResult | null = null;
  private profile: DataProfile | null = null;
  private readonly decoded = new Map<string, Promise<LocalData>>();
  private stream: grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private wakeReconnect: (() => void) | null = null;

  constructor(
    private readonly config: SiteConfig,
    private readonly backend: BackendReport,
    private readonly logger: AgentLogger,
  ) {
    this.client = new CoordinatorClient(config.coordinator, config.siteId);
    this.dataset = openDataset(config.data);
    this.log = LocalLog.inStateDir(config.stateDir);
    this.rowCache = new RowCache(config.feed.cacheMegabytes * 2 ** 20);
    this.localTensors = LocalTensorStore.inStateDir(config.stateDir);
  }

  /** Scans the local data once; unreadable files are skipped, counted and logged, never fatal. */
  async prepare(): Promise<ScanResult> {
    const scan = await this.dataset.scan();
    // Local spellings become the canonical class names here; unmapped and missing labels never reach training.
    const vocabulary = new LabelVocabulary(this.config.labelMap);
    const unmapped = new Map<string, number>();
    const samples = scan.samples.flatMap((s) => {
      const label = vocabulary.classify(s.label);
      if (label === null) unmapped.set(s.label, (unmapped.get(s.label) ?? 0) + 1);
      return label ? [{ ...s, label }] : [];
    });
    this.scan = { samples, skipped: scan.skipped };
    // What the coordinator may know of this data: the profile after the site's privacy guard, sent with every hello.
    this.profile = guardProfile(await profileDataset(this.dataset, scan, vocabulary), this.config.privacy);
    for (const skipped of this.scan.skipped) this.logger.warn(`skipped ${skipped.id}: ${skipped.reason}`);
    for (const [label, n] of unmapped) this.logger.warn(`${n} samples have label "${label}", which data.labelMap does not map; they are not used`);
    const missing = scan.samples.length - samples.length - [...unmapped.values()].reduce((a, b) => a + b, 0);
    if (missing > 0) this.logger.warn(`${missing} samples have no label; they are not used`);
    this.logger.info(`data: ${this.scan.samples.length} samples, ${this.scan.skipped.length} skipped files (${this.dataset.kind})`);
    return this.scan;
  }

  private hello(): consilium.v1.IHello {
    const scan = this.scan!;
    const classes = [...new Set(scan.samples.map((s) => s.label))].sort();
    const validation = scan.samples.filter((s) => isValidationSample(s.id, this.config.validationFraction)).length;
    return {
      siteId: this.config.siteId,
      agentVersion: AGENT_VERSION,
      protocol: 'consilium.v1',
      backend: this.backend,
      dataset: {
        kind: this.dataset.kind,
        trainSamples: scan.samples.length - validation,
        validationSamples: validation,
        classes,
        classCounts: classes.map((c) => scan.samples.filter((s) => s.label === c).length),
        inputShape: [],
        skippedFiles: scan.skipped.length,
        fingerprint: merkleRoot(scan.samples),
      },
      dataProfileJson: this.profile ? JSON.stringify(this.profile) : '',
    };
  }

  /** Runs until stop(): connect, serve, and on any break wait with backoff and connect again. */
  async run(): Promise<void> {
    if (!this.scan) await this.prepare();
    let failures = 0;
    while (!this.stopped) {
      const welcomed = await this.session();
      if (this.stopped) break;
      failures = welcomed ? 0 : failures + 1;
      const { initialDelayMs, maxDelayMs } = this.config.reconnect;
      const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.min(failures, 20)) * (0.5 + Math.random() / 2);
      this.logger.info(`reconnecting in ${Math.round(delay)} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wakeReconnect = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    await this.queue;
    this.client.close();
  }

  stop(): void {
    this.stopped = true;
    this.stream?.cancel();
    this.wakeReconnect?.();
  }

  /** One connection; resolves when it ends, with whether the coordinator welcomed us. */
  private session(): Promise<boolean> {
    return new Promise((resolve) => {
      let welcomed = false;
      let heartbeat: NodeJS.Timeout | null = null;
      const stream = this.client.connect();
      this.stream = stream;
      const done = (): void => {
        if (heartbeat) clearInterval(heartbeat);
        this.stream = null;
        resolve(welcomed);
      };
      stream.on('data', (message: consilium.v1.CoordinatorMessage) => {
        if (message.welcome) {
          welcomed = true;
          this.logger.info(`connected to ${this.config.coordinator} as ${this.config.siteId}`);
          heartbeat = setInterval(() => stream.write({ heartbeat: { sentAtUnixMs: Date.now() } }), message.welcome.heartbeatIntervalMs || 5000);
        } else if (message.task) {
          const raw = message.task;
          this.queue = this.queue.then(() => this.perform(raw));
        } else if (message.cancel) {
          this.logger.warn(`task ${message.cancel.taskId} cancelled: ${message.cancel.reason}`);
        }
      });
      stream.on('error', (error: grpc.ServiceError) => {
        if (!this.stopped) this.logger.warn(`connection to ${this.config.coordinator} lost: ${error.details || error.message}`);
        done();
      });
      stream.on('end', done);
      stream.write({ hello: this.hello() });
      void this.log.append({ kind: 'hello', coordinator: this.config.coordinator, hello: this.hello() });
    });
  }

  private send(message: consilium.v1.ISiteMessage): void {
    this.stream?.write(message);
  }

  private async perform(raw: consilium.v1.ITaskAssignment): Promise<void> {
    let task: TaskOrder;
    try {
      task = taskFromProto(raw);
    } catch (error) {
      this.logger.warn(`refused a malformed task: ${describeError(error)}`);
      if (raw.taskId) this.send({ failure: { taskId: raw.taskId, reason: describeError(error) } });
      return;
    }
    const label = `task ${task.taskId} (run ${task.runId}, round ${task.round}${task.evaluateOnly ? ', evaluate' : ''})`;
    try {
      this.logger.info(`${label}: fetching model ${task.modelVersionId}`);
      const container = await this.client.fetchModel(task.modelVersionId, task.modelBytes, task.modelSha256);
      const parsed = modelTopologySchema.safeParse(JSON.parse(task.modelTopologyJson));
      if (!parsed.success) throw ConsiliumError.fromZod('model spec sent by the coordinator', parsed.error);
      // Tensors the round does not share (FedBN) come from this site's own store, never from the coordinator.
      const local = task.sharedTensors.length > 0 ? await this.localTensors.load(task.runId) : null;
      const job: TrainingJob = {
        topology: parsed.data,
        weights: withLocalTensors(decodeTensors(container), local, task.sharedTensors),
        localEpochs: task.localEpochs,
        batchSize: task.batchSize,
        optimizer: task.optimizer,
        learningRate: task.learningRate,
        loss: task.loss,
        seed: task.seed,
        prefetchBatches: this.config.feed.prefetchBatches,
        proximalMu: task.proximalMu,
      };
      const data = await this.localData(inputShapeOf(parsed.data), task.classes, task.preprocessing);
      if (task.evaluateOnly) {
        const result = await evaluateLocally(job, data);
        this.send({ evaluation: { taskId: task.taskId, sampleCount: result.sampleCount, metrics: result.metrics } });
        await this.log.append({ kind: 'evaluation', taskId: task.taskId, runId: task.runId, round: task.round, ...result });
        this.logger.info(`${label}: evaluated, accuracy ${result.metrics['val_accuracy']?.toFixed(3) ?? 'n/a'}`);
        return;
      }
      this.logger.info(`${label}: training on ${data.train.count} samples for ${job.localEpochs} epochs`);
      const result = await trainLocally(job, data, (epoch) =>
        this.send({ progress: { taskId: task.taskId, phase: 'training', epoch, epochs: job.localEpochs, fraction: epoch / job.localEpochs } }),
      );
      const { sharedDelta, local: kept } = splitTrained(result.weights, result.delta, task.sharedTensors);
      if (kept.length > 0) await this.localTensors.save(task.runId, kept);
      const encoding = task.updateEncoding as TensorEncoding;
      const update = encodeTensors(sharedDelta, encoding);
      const header: consilium.v1.IUpdateHeader = {
        taskId: task.taskId,
        runId: task.runId,
        round: task.round,
        sampleCount: result.sampleCount,
        metrics: result.metrics,
        encoding,
        totalBytes: update.length,
        sha256: sha256Hex(update),
        baseModelVersionId: task.modelVersionId,
      };
      const receipt = await this.client.submitUpdate(header, update);
      await this.log.append({ kind: 'update', ...header, receipt: { ...receipt } });
      if (receipt.accepted) this.logger.info(`${label}: update accepted (${update.length} bytes, receipt ${receipt.updateId})`);
      else this.logger.warn(`${label}: update rejected: ${receipt.reason}`);
    } catch (error) {
      const reason = describeError(error);
      this.logger.warn(`${label} failed: ${reason}`);
      this.send({ failure: { taskId: task.taskId, reason } });
      await this.log.append({ kind: 'failure', taskId: task.taskId, runId: task.runId, round: task.round, reason });
    }
  }

  /** Decodes and splits the local data for one input shape and class list; cached across rounds. */
  private localData(inputShape: number[], classes: string[], preprocessing: Preprocessing): Promise<LocalData> {
    const key = `${inputShape.join('x')}|${classes.join('\u0000')}|${JSON.stringify(preprocessing)}`;
    let data = this.decoded.get(key);
    if (!data) {
      data = this.decode(inputShape, classes, preprocessing);
      this.decoded.set(key, data);
      data.catch(() => this.decoded.delete(key));
    }
    return data;
  }

  private async decode(inputShape: number[], classes: string[], preprocessing: Preprocessing): Promise<LocalData> {
    const index = new Map(classes.map((c, i) => [c, i]));
    const known = this.scan!.samples.filter((s) => index.has(s.label));
    const unknown = this.scan!.samples.length - known.length;
    if (unknown > 0) this.logger.warn(`${unknown} samples have labels outside the run's classes (${classes.join(', ')}) and are not used`);
    const split = (samples: SampleRef[]): FeatureRows =>
      decodedRows(this.dataset, samples, Int32Array.from(samples, (s) => index.get(s.label)!), inputShape, this.rowCache, preprocessing);
    const inValidation = (s: SampleRef): boolean => isValidationSample(s.id, this.config.validationFraction);
    const data = { inputShape, classCount: classes.length, train: split(known.filter((s) => !inValidation(s))), validation: split(known.filter(inValidation)) };
    // Decoding one row now finds a model input the data cannot feed (wrong shape) before any training starts.
    if (known.length > 0) await (data.train.count > 0 ? data.train : data.validation).read([0]);
    return data;
  }
}
