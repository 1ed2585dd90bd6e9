import type * as grpc from '@grpc/grpc-js';
import { CONSILIUM_VERSION } from '../common/version.js';
import { ConsiliumError, describeError } from '../common/errors.js';
import { inputShapeOf, modelTopologySchema } from '../common/model-spec.schema.js';
import { decodeTensors, encodeTensors, type TensorEncoding } from '../common/tensor-codec.js';
import { sha256Hex } from '../common/hashing.js';
import type { consilium } from '../proto/gen/consilium.js';
import type { SiteConfig } from './config/site-config.js';
import { isValidationSample, type DatasetSource, type SampleRef, type ScanResult } from './data/dataset.js';
import { decodeBudgetOf, openDataset } from './data/open-dataset.js';
import type { BackendReport } from './training/backend.js';
import { evaluateLocally, trainLocally, type LocalData, type TrainingJob } from './training/trainer.js';
import type { FeatureRows } from './training/feature-rows.js';
import { decodedRows, RowCache } from './data/decoded-rows.js';
import { CoordinatorClient } from './transport/coordinator-client.js';
import { offerFromProto, taskFromProto } from './transport/task.mapper.js';
import type { RunOffer, SiteConsent, TaskOrder } from '../common/task-order.js';
import { watchFile, unwatchFile } from 'node:fs';
import { loadIdentity, renewalDue, renewIdentity, type SiteIdentity } from './identity/site-identity.js';
import { ConsentDesk } from './policy/consent-desk.js';
import { hasEnded, RunConsents } from './policy/run-consents.js';
import { loadSitePolicy, type SitePolicy } from './policy/site-policy.js';
import { privatizeUpdate } from './training/privatize-update.js';
import { LocalLog } from './local-log.js';
import { Outbox } from './outbox.js';
import path from 'node:path';
import type { RunSpec } from '../common/run-spec.schema.js';
import { LabelVocabulary } from './data/label-vocabulary.js';
import type { Preprocessing } from '../common/preprocessing.schema.js';
import { profileDataset, type DataProfile } from './profile/data-profile.js';
import { CountGuard, guardProfile } from './profile/privacy-guard.js';
import { guardedMetrics, publishedDataset } from './profile/published-counts.js';
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
  private client: CoordinatorClient;
  private identity: SiteIdentity;
  private readonly policy: SitePolicy;
  private readonly consents: RunConsents;
  private readonly desk: ConsentDesk;
  /** The consent last sent per run, so a changed approvals file sends only what changed. */
  private readonly said = new Map<string, string>();
  private readonly dataset: DatasetSource;
  private readonly log: LocalLog;
  private readonly rowCache: RowCache;
  private readonly localTensors: LocalTensorStore;
  private readonly outbox: Outbox;
  /** Tasks queued or finished in this process; a failed one is forgotten so a resend is tried again. */
  private readonly taken = new Set<string>();
  private scan: ScanResult | null = null;
  private profile: DataProfile | null = null;
  private published: consilium.v1.IDatasetSummary | null = null;
  private readonly decoded = new Map<string, Promise<LocalData>>();
  private stream: grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage> | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;
  private readonly stopping = new AbortController();
  private wakeReconnect: (() => void) | null = null;

  constructor(
    private readonly config: SiteConfig,
    private readonly backend: BackendReport,
    private readonly logger: AgentLogger,
  ) {
    this.identity = loadIdentity(config.stateDir, config.siteId);
    this.client = new CoordinatorClient(config.coordinator, this.identity);
    this.policy = loadSitePolicy(config.policy);
    if (this.policy.requireDifferentialPrivacy && config.privacy.epsilon === undefined) {
      throw new ConsiliumError('INVALID_ARGUMENT', 'site config: privacy.epsilon is required because the site policy sets requireDifferentialPrivacy (data profiles must be noised too)');
    }
    this.consents = new RunConsents(config.stateDir);
    this.desk = new ConsentDesk(this.policy, this.consents);
    this.dataset = openDataset(config.data, decodeBudgetOf(config));
    this.log = LocalLog.inStateDir(config.stateDir);
    this.rowCache = new RowCache(config.feed.cacheMegabytes * 2 ** 20);
    this.localTensors = LocalTensorStore.inStateDir(config.stateDir);
    this.outbox = Outbox.inStateDir(config.stateDir);
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
    this.published = null;
    // What the coordinator may know of this data: the profile after the site's privacy guard, sent with every hello.
    const privacy = effectivePrivacy(this.config, this.policy);
    this.profile = guardProfile(await profileDataset(this.dataset, scan, vocabulary), privacy);
    for (const skipped of this.scan.skipped) this.logger.warn(`skipped ${skipped.id}: ${skipped.reason}`);
    for (const [label, n] of unmapped) this.logger.warn(`${n} samples have label "${label}", which data.labelMap does not map; they are not used`);
    const missing = scan.samples.length - samples.length - [...unmapped.values()].reduce((a, b) => a + b, 0);
    if (missing > 0) this.logger.warn(`${missing} samples have no label; they are not used`);
    this.logger.info(`data: ${this.scan.samples.length} samples, ${this.scan.skipped.length} skipped files (${this.dataset.kind})`);
    return this.scan;
  }

  private hello(): consilium.v1.IHello {
    // Counted and guarded once per scan: a noised count drawn anew for every hello would average its noise away.
    this.published ??= publishedDataset(this.scan!, this.dataset.kind, this.config.validationFraction, new CountGuard(effectivePrivacy(this.config, this.policy)));
    return {
      siteId: this.config.siteId,
      agentVersion: AGENT_VERSION,
      protocol: 'consilium.v1',
      backend: this.backend,
      dataset: this.published,
      dataProfileJson: this.profile ? JSON.stringify(this.profile) : '',
    };
  }

  /** Runs until stop(): connect, serve, and on any break wait with backoff and connect again. */
  async run(): Promise<void> {
    if (!this.scan) await this.prepare();
    // Approvals are written by `consilium site approve` in another process: reread the file when it changes.
    watchFile(this.consents.file, { interval: 500 }, () => void this.reconsider().catch((error: unknown) => this.logger.warn(`rereading approvals: ${describeError(error)}`)));
    // A connection can last longer than a certificate: look hourly, and reconnect with the new one when it was renewed.
    const renewals = setInterval(() => void this.tryRenewal().then((renewed) => renewed && this.stream?.cancel()), 3_600_000);
    renewals.unref();
    let failures = 0;
    while (!this.stopped) {
      await this.tryRenewal();
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
    unwatchFile(this.consents.file);
    clearInterval(renewals);
    await this.queue;
    this.client.close();
  }

  /** Renews the certificate when less than 20 % of its lifetime is left; the next connection uses the new one. */
  async renewIfDue(now = new Date()): Promise<boolean> {
    if (!renewalDue(this.identity.info, now)) return false;
    this.identity = await renewIdentity(this.config.stateDir, this.config.siteId, this.identity, (csr) => this.client.renewCertificate(csr));
    this.client.close();
    this.client = new CoordinatorClient(this.config.coordinator, this.identity);
    this.logger.info(`certificate renewed: serial ${this.identity.info.serial}, valid until ${this.identity.info.notAfter}`);
    return true;
  }

  /** renewIfDue for the loops that run on their own: a failure is logged, and the next look tries again. */
  private tryRenewal(): Promise<boolean> {
    return this.renewIfDue().catch((error: unknown) => {
      this.logger.warn(`certificate renewal failed, will retry: ${describeError(error)}`);
      return false;
    });
  }

  private async onOffer(offer: RunOffer): Promise<void> {
    await this.consents.recordOffer(offer, new Date());
    if (hasEnded(offer)) return;
    await this.tell(await this.desk.consentTo(offer));
  }

  private async tell(consent: SiteConsent): Promise<void> {
    const key = `${consent.specSha256}|${consent.state}|${consent.reason}`;
    if (this.said.get(consent.runId) === key) return;
    this.send({ consent });
    this.said.set(consent.runId, key);
    await this.log.append({ kind: 'consent', ...consent });
    this.logger.info(`run ${consent.runId}: ${consent.state}${consent.reason ? ` (${consent.reason})` : ''}`);
  }

  /** The approvals file changed: tell the coordinator about every active offer whose consent changed. */
  private async reconsider(): Promise<void> {
    if (!this.stream) return;
    for (const offer of this.consents.read().offers) {
      if (!hasEnded(offer)) await this.tell(await this.desk.consentTo(offer));
    }
  }

  stop(): void {
    this.stopped = true;
    this.stopping.abort();
    this.stream?.cancel();
    this.wakeReconnect?.();
  }

  /** One connection; resolves when it ends, with whether the coordinator welcomed us. */
  private session(): Promise<boolean> {
    return new Promise((resolve) => {
      let welcomed = false;
      let heartbeat: NodeJS.Timeout | null = null;
      // A new connection may reach a coordinator that forgot nothing, or one restored from backup: say everything again.
      this.said.clear();
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
          // A coordinator that restarted, or a reconnect, sends open tasks again: one that is queued or done here is not redone.
          if (raw.taskId && this.taken.has(raw.taskId)) return;
          if (raw.taskId) this.taken.add(raw.taskId);
          this.queue = this.queue.then(() => this.perform(raw));
        } else if (message.offer) {
          let offer: RunOffer;
          try {
            offer = offerFromProto(message.offer);
          } catch (error) {
            this.logger.warn(`ignored a malformed run offer: ${describeError(error)}`);
            return;
          }
          this.queue = this.queue.then(() => this.onOffer(offer).catch((error: unknown) => this.logger.warn(`run offer ${offer.runId}: ${describeError(error)}`)));
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

  /** Tells the coordinator which phase a task is in, for `run watch`; training reports each epoch itself. */
  private reportPhase(task: TaskOrder, phase: 'fetching' | 'evaluating' | 'uploading'): void {
    this.send({ progress: { taskId: task.taskId, phase, epoch: 0, epochs: task.localEpochs, fraction: 0 } });
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
      const spec = await this.desk.checkTask(task).catch(async (error: unknown) => {
        // The coordinator learns the site's current word on the run before the refusal itself (e.g. an approval just revoked).
        const offer = this.consents.offer(task.runId);
        if (offer) await this.tell(await this.desk.consentTo(offer));
        throw error;
      });
      // Trained before a restart or a broken upload: send what is in the outbox, from where the coordinator stopped.
      const waiting = task.evaluateOnly ? null : await this.outbox.load(task.taskId);
      const { header, container } = waiting ?? (await this.work(task, spec, label));
      if (!header) return;
      this.reportPhase(task, 'uploading');
      const receipt = await this.client.deliverUpdate(header, container!, Math.max(task.deadlineUnixMs, Date.now()) + 60_000, (offset) =>
        this.logger.info(`${label}: resuming the upload at byte ${offset} of ${container!.length}`),
        this.stopping.signal,
      );
      await this.log.append({ kind: 'update', ...header, receipt: { ...receipt } });
      await this.outbox.remove(task.taskId);
      if (receipt.accepted) this.logger.info(`${label}: update accepted (${container!.length} bytes, receipt ${receipt.updateId})`);
      else this.logger.warn(`${label}: update rejected: ${receipt.reason}`);
    } catch (error) {
      this.taken.delete(task.taskId);
      const reason = describeError(error);
      this.logger.warn(`${label} failed: ${reason}`);
      this.send({ failure: { taskId: task.taskId, reason } });
      await this.log.append({ kind: 'failure', taskId: task.taskId, runId: task.runId, round: task.round, reason });
    }
  }

  /**
   * Fetches the model, then evaluates (answered on the stream; nothing to
   * upload) or trains and puts the update in the outbox before any byte of
   * it is sent.
   */
  private async work(task: TaskOrder, spec: RunSpec, label: string): Promise<{ header: consilium.v1.IUpdateHeader | null; container: Buffer | null }> {
    this.logger.info(`${label}: fetching model ${task.modelVersionId}`);
    this.reportPhase(task, 'fetching');
    const container = await this.client.fetchModel(task.modelVersionId, task.modelBytes, task.modelSha256, {
      // Past the round's deadline the model is no use; until then a coordinator restart is waited out (30 s at
      // least, for a site whose clock runs ahead of the coordinator's).
      until: Math.max(task.deadlineUnixMs, Date.now() + 30_000),
      signal: this.stopping.signal,
      partialFile: path.join(this.config.stateDir, 'downloads', `${task.modelSha256}.part`),
    });
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
    // Sample counts leave the site with the result: through the guard, and never for fewer samples than k.
    const guard = new CountGuard({ minCellSize: effectivePrivacy(this.config, this.policy).minCellSize });
    const k = guard.policy.minCellSize;
    if (task.evaluateOnly) {
      if (data.validation.count < k) throw new ConsiliumError('FAILED_PRECONDITION', `this site holds fewer validation samples of the run's classes than its minimum cell size (privacy.minCellSize ${k}); it does not report metrics over so few`);
      this.reportPhase(task, 'evaluating');
      const result = await evaluateLocally(job, data);
      this.send({ evaluation: { taskId: task.taskId, sampleCount: guard.count(result.sampleCount)!, metrics: result.metrics } });
      await this.log.append({ kind: 'evaluation', taskId: task.taskId, runId: task.runId, round: task.round, ...result });
      this.logger.info(`${label}: evaluated, accuracy ${result.metrics['val_accuracy']?.toFixed(3) ?? 'n/a'}`);
      return { header: null, container: null };
    }
    if (data.train.count < k) throw new ConsiliumError('FAILED_PRECONDITION', `this site holds fewer training samples of the run's classes than its minimum cell size (privacy.minCellSize ${k}); it does not train on so few, since the sample count leaves the site with the update`);
    this.logger.info(`${label}: training on ${data.train.count} samples for ${job.localEpochs} epochs`);
    const result = await trainLocally(job, data, (epoch) =>
      this.send({ progress: { taskId: task.taskId, phase: 'training', epoch, epochs: job.localEpochs, fraction: epoch / job.localEpochs } }),
    );
    const { sharedDelta, local: kept } = splitTrained(result.weights, result.delta, task.sharedTensors);
    if (kept.length > 0) await this.localTensors.save(task.runId, kept);
    const encoding = task.updateEncoding as TensorEncoding;
    // The privacy the site approved is the spec's, applied here, whatever the task says.
    const outgoing = spec.privacy ? privatizeUpdate(sharedDelta, spec.privacy).tensors : sharedDelta;
    const update = encodeTensors(outgoing, encoding);
    const header: consilium.v1.IUpdateHeader = {
      taskId: task.taskId,
      runId: task.runId,
      round: task.round,
      sampleCount: guard.count(result.sampleCount)!,
      metrics: guardedMetrics(result.metrics, guard),
      encoding,
      totalBytes: update.length,
      sha256: sha256Hex(update),
      baseModelVersionId: task.modelVersionId,
    };
    await this.outbox.save(task.taskId, header, update);
    return { header, container: update };
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

/** The profile's privacy: the site config's, with the policy's minimum cell size as a floor. */
export function effectivePrivacy(config: SiteConfig, policy: SitePolicy): SiteConfig['privacy'] {
  return { ...config.privacy, minCellSize: Math.max(config.privacy.minCellSize, policy.minCellSize) };
}
