import { unwatchFile, watchFile } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import * as tf from '@tensorflow/tfjs';

import { Clock } from '../common/clock.js';
import { ConsiliumError, describeError } from '../common/errors.js';
import { roundSpend } from '../common/privacy-spend.js';
import type { AgentHello, CoordinatorOrder, TaskOrder } from '../common/task-order.js';
import { CONSILIUM_VERSION } from '../common/version.js';
import type { SiteConfig } from './config/site-config.js';
import type { ScanResult } from './data/dataset.js';
import { openSiteDataset } from './data/open-dataset.js';
import { LocalLog } from './local-log.js';
import { LocalTensorStore } from './local-tensors.js';
import { Outbox } from './outbox.js';
import { ConsentDesk } from './policy/consent-desk.js';
import { ConsentReporter } from './policy/consent-reporter.js';
import { PrivacyLedger } from './policy/privacy-ledger.js';
import { RunConsents } from './policy/run-consents.js';
import { loadSitePolicy, type SitePolicy } from './policy/site-policy.js';
import { ReceivedModels } from './received-models.js';
import { SecAggMailboxes } from './secure-aggregation/secagg-mailboxes.js';
import { CoordinatorSession } from './session/coordinator-session.js';
import { SiteConnection } from './session/site-connection.js';
import { runTask } from './task/run-task.js';
import { SiteData } from './task/site-data.js';
import type { AgentLogger, TaskDeps } from './task/task-deps.js';
import type { BackendReport } from './training/backend.js';
import { evaluateLocally, trainingThreads, trainLocally } from './training/trainer.js';

export type { AgentLogger } from './task/task-deps.js';
export const AGENT_VERSION = CONSILIUM_VERSION;

/**
 * The site agent, put together: the session to the coordinator, the site's
 * data, its consent desk, and the task pipeline, which works through the
 * tasks it is sent one at a time. Only weight deltas, guarded counts and
 * metrics leave.
 */
export class SiteAgent {
  private readonly connection: SiteConnection;
  private readonly session: CoordinatorSession;
  private readonly data: SiteData;
  private readonly consent: ConsentReporter;
  private readonly consents: RunConsents;
  private readonly log: LocalLog;
  private readonly deps: TaskDeps;
  /** Tasks queued or finished in this process; a failed one is forgotten so a resend is tried again. */
  private readonly taken = new Set<string>();
  /** The secure-aggregation messages of the tasks running here. */
  private readonly secAgg: SecAggMailboxes;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly config: SiteConfig,
    private readonly backend: BackendReport,
    private readonly logger: AgentLogger,
    clock = new Clock(),
  ) {
    const policy = loadSitePolicy(config.policy);
    if (policy.requireDifferentialPrivacy && config.privacy.epsilon === undefined) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        'site config: privacy.epsilon is required because the site policy sets requireDifferentialPrivacy (data profiles must be noised too)',
      );
    }
    const privacy = effectivePrivacy(config, policy);
    this.secAgg = new SecAggMailboxes(clock);
    this.connection = new SiteConnection(config, logger, clock);
    this.consents = new RunConsents(config.stateDir);
    this.log = LocalLog.inStateDir(config.stateDir, clock, logger);
    this.data = new SiteData(config, openSiteDataset(config), privacy, logger, policy.shareLabelMap);
    this.session = new CoordinatorSession(
      this.connection,
      config,
      { hello: () => this.hello(), connecting: () => this.consent.forget(), onOrder: (order) => this.onOrder(order) },
      clock,
      logger,
    );
    const ledger = PrivacyLedger.inStateDir(config.stateDir);
    this.consent = new ConsentReporter(
      this.consents,
      new ConsentDesk(
        policy,
        this.consents,
        () => ({ availableBytes: process.availableMemory(), prefetchBatches: config.feed.prefetchBatches }),
        ledger,
        () => this.data.published().dataset.trainSamples,
      ),
      this.log,
      logger,
      (report) => this.session.send(report),
      clock,
    );
    const outbox = Outbox.inStateDir(config.stateDir);
    const models = ReceivedModels.inStateDir(config.stateDir, config.keepModels);
    this.deps = {
      approve: (task) => this.consent.approve(task),
      fetchModel: async (task) => {
        const container = await this.connection.client.fetchModel(task.modelVersionId, task.modelBytes, task.modelSha256, {
          // Past the round's deadline the model is no use; until then a coordinator restart is waited out (30 s at
          // least, for a site whose clock runs ahead of the coordinator's).
          until: Math.max(task.deadlineUnixMs, clock.now().getTime() + 30_000),
          signal: this.session.signal,
          partialFile: path.join(config.stateDir, 'downloads', `${task.modelSha256}.part`),
        });
        // Kept for pre-annotation and label screening; a full disk costs those, not the task.
        await models
          .keep(task, container, clock.now())
          .catch((error: unknown) => logger.warn(`keeping model ${task.modelVersionId} for local use failed: ${describeError(error)}`, { runId: task.runId }));
        return container;
      },
      localTensors: LocalTensorStore.inStateDir(config.stateDir),
      localData: (inputShape, classes, preprocessing, reviewedLabelsOnly) => this.data.localData(inputShape, classes, preprocessing, reviewedLabelsOnly),
      train: (job, data, onEpoch) => {
        // Hospital IT sees how many cores a task trains on, and why one when the site allows more.
        const { threads, reason } = trainingThreads(job, tf.getBackend());
        logger.info(`training on ${threads} thread${threads === 1 ? '' : 's'}${reason ? ` (${reason})` : ''}`);
        return trainLocally(job, data, onEpoch);
      },
      evaluate: evaluateLocally,
      outbox,
      deliver: (task, header, container, label) =>
        this.connection.client.deliverUpdate(
          header,
          container,
          Math.max(task.deadlineUnixMs, clock.now().getTime()) + 60_000,
          (offset) => logger.info(`${label}: resuming the upload at byte ${offset} of ${container.length}`),
          this.session.signal,
        ),
      recordSpend: (task, spec, trainSamples) =>
        ledger.recordRound(this.data.published().dataset.fingerprint, task.runId, task.runSpecSha256, roundSpend(spec, trainSamples), clock.iso()),
      secureAggregation: {
        open: (taskId) => {
          const box = this.secAgg.open(taskId);
          return {
            send: (message) => this.session.send({ kind: 'secagg', taskId, message }),
            next: (kind, timeoutMs) => box.next(kind, timeoutMs),
            close: () => this.secAgg.close(taskId),
          };
        },
      },
      clock,
      report: (report) => this.session.send(report),
      log: this.log,
      logger,
      minCellSize: privacy.minCellSize,
      sharePersonalisedTensors: policy.sharePersonalisedTensors,
      siteId: config.siteId,
      prefetchBatches: config.feed.prefetchBatches,
      trainingThreads: config.training.threads === 'all' ? availableParallelism() : config.training.threads,
    };
  }

  /** Scans the local data once; unreadable files are skipped, counted and logged, never fatal. */
  prepare(): Promise<ScanResult> {
    return this.data.prepare();
  }

  /** Runs until stop(): the session connects, reconnects, and hands each order here. */
  async run(): Promise<void> {
    if (!this.data.prepared) await this.prepare();
    // Approvals are written by `consilium site approve` in another process: reread the file when it changes.
    watchFile(this.consents.file, { interval: 500 }, () => {
      if (this.session.connected) void this.consent.reconsider().catch((error: unknown) => this.logger.warn(`rereading approvals: ${describeError(error)}`));
    });
    try {
      await this.session.run();
    } finally {
      unwatchFile(this.consents.file);
      this.secAgg.closeAll();
      await this.queue;
      this.connection.close();
    }
  }

  /** Renews the certificate when less than 20 % of its lifetime is left; the next connection uses the new one. */
  renewIfDue(now?: Date): Promise<boolean> {
    return this.connection.renewIfDue(now);
  }

  stop(): void {
    this.session.stop();
  }

  private hello(): AgentHello {
    const { dataset, profile } = this.data.published();
    const hello = { siteId: this.config.siteId, agentVersion: AGENT_VERSION, protocol: 'consilium.v1', backend: this.backend, dataset, profile };
    void this.log.append({ kind: 'hello', coordinator: this.config.coordinator, hello });
    return hello;
  }

  /** Orders run one after another, in the order they came. */
  private onOrder(order: CoordinatorOrder): void {
    switch (order.kind) {
      case 'task':
      case 'malformed-task': {
        const taskId = order.kind === 'task' ? order.task.taskId : order.taskId;
        // A coordinator that restarted, or a reconnect, sends open tasks again: one that is queued or done here is not redone.
        if (taskId && this.taken.has(taskId)) return;
        if (taskId) this.taken.add(taskId);
        if (order.kind === 'task') this.enqueue(() => this.perform(order.task));
        else this.enqueue(async () => this.refuse(order.taskId, order.reason));
        return;
      }
      case 'offer':
        this.enqueue(() =>
          this.consent.onOffer(order.offer).catch((error: unknown) => this.logger.warn(`run offer ${order.offer.runId}: ${describeError(error)}`)),
        );
        return;
      case 'malformed-offer':
        this.logger.warn(`ignored a malformed run offer: ${order.reason}`);
        return;
      case 'cancel':
        this.logger.warn(`task ${order.taskId} cancelled: ${order.reason}`);
        // A secure-aggregation exchange of the task ends here: nothing more will be asked of it.
        this.secAgg.close(order.taskId);
        return;
      case 'secagg':
        // Not queued: the task that waits for it is running.
        if (!this.secAgg.deliver(order.taskId, order.message))
          this.logger.warn(`secure aggregation ${order.message.kind} for task ${order.taskId}, which is not running here; ignored`);
        return;
      case 'malformed-secagg':
        this.logger.warn(`ignored a malformed secure aggregation message for task ${order.taskId}: ${order.reason}`);
        return;
      case 'welcome':
        return;
    }
  }

  private enqueue(work: () => Promise<unknown>): void {
    this.queue = this.queue.then(work);
  }

  private async perform(task: TaskOrder): Promise<void> {
    const outcome = await runTask(task, this.deps);
    if (outcome.kind === 'failed') this.taken.delete(task.taskId);
  }

  private refuse(taskId: string, reason: string): void {
    this.logger.warn(`refused a malformed task: ${reason}`);
    if (taskId) this.session.send({ kind: 'failure', taskId, reason });
  }
}

/** The profile's privacy: the site config's, with the policy's minimum cell size as a floor. */
export function effectivePrivacy(config: SiteConfig, policy: SitePolicy): SiteConfig['privacy'] {
  return { ...config.privacy, minCellSize: Math.max(config.privacy.minCellSize, policy.minCellSize) };
}
