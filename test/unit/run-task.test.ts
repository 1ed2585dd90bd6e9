import { describe, expect, it } from 'vitest';

import { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import { type RunSpec, runSpecSchema } from '../../common/run-spec.schema.js';
import { fixedPointFor, quantise } from '../../common/secure-aggregation/fixed-point.js';
import type { SecAggDownMessage, SecAggUpMessage } from '../../common/secure-aggregation/secagg-wire.js';
import { weightedInput } from '../../common/secure-aggregation/weighted-input.js';
import type { SiteReport, TaskOrder, UpdateHeader } from '../../common/task-order.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { SecAggRound } from '../../coordinator/domain/secure-aggregation/secagg-round.js';
import { SecAggSite } from '../../site-agent/secure-aggregation/secagg-site.js';
import { runTask } from '../../site-agent/task/run-task.js';
import type { TaskDeps } from '../../site-agent/task/task-deps.js';
import { inMemoryRows } from '../../site-agent/training/feature-rows.js';

const topology = { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { units: 2, input_shape: [2] } }] } };
const spec = (extra: Record<string, unknown> = {}): RunSpec => runSpecSchema.parse({ name: 't', model: topology, classes: ['a', 'b'], rounds: 1, ...extra });
const global: NamedTensor[] = [
  { name: 'dense/kernel', shape: [2, 2], values: Float32Array.from([1, 2, 3, 4]) },
  { name: 'dense/bias', shape: [2], values: Float32Array.from([0, 0]) },
];
const model = encodeTensors(global);
const order: TaskOrder = {
  taskId: 't1',
  runId: 'r1',
  round: 1,
  modelVersionId: 'v0',
  modelSha256: sha256Hex(model),
  modelBytes: model.length,
  modelTopologyJson: JSON.stringify(topology),
  classes: ['a', 'b'],
  localEpochs: 2,
  batchSize: 4,
  optimizer: 'sgd',
  learningRate: 0.1,
  loss: 'categoricalCrossentropy',
  deadlineUnixMs: 0,
  updateEncoding: 'float32',
  seed: 1,
  evaluateOnly: false,
  proximalMu: 0,
  sharedTensors: [],
  preprocessing: { normalization: 'auto', standardize: 'none' },
  runSpecSha256: 'x',
  classWeights: [],
  shareLocalTensors: false,
  secureAggregation: null,
};
const rows = (count: number) => inMemoryRows(new Float32Array(count * 2), new Int32Array(count));

/** Deps that record what the pipeline did; training adds 0.5 to every weight on 12 samples. */
function fakeDeps(overrides: Partial<TaskDeps> = {}) {
  const reports: SiteReport[] = [];
  const logged: Record<string, unknown>[] = [];
  const outbox = new Map<string, { header: UpdateHeader; container: Uint8Array }>();
  const delivered: UpdateHeader[] = [];
  const deps: TaskDeps = {
    approve: async () => spec(),
    fetchModel: async () => model,
    localTensors: { load: async () => null, save: async () => undefined },
    localData: async (inputShape) => ({ inputShape, classCount: 2, train: rows(12), validation: rows(10) }),
    train: async (job) => ({
      weights: job.weights.map((t) => ({ ...t, values: t.values.map((v) => v + 0.5) })),
      delta: job.weights.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(0.5) })),
      sampleCount: 12,
      metrics: { train_loss: 0.25, val_accuracy: 0.75, val_samples: 10 },
    }),
    evaluate: async () => ({ sampleCount: 10, metrics: { val_accuracy: 0.5, val_samples: 10 } }),
    outbox: {
      load: async (id) => outbox.get(id) ?? null,
      save: async (id, header, container) => void outbox.set(id, { header, container }),
      remove: async (id) => void outbox.delete(id),
    },
    deliver: async (task, header) => {
      delivered.push(header);
      return {
        updateId: 'u1',
        sha256: header.sha256,
        accepted: true,
        reason: '',
        receivedAtUnixMs: 0,
        taskId: task.taskId,
        runId: task.runId,
        round: task.round,
        auditSeq: 7,
        signature: '',
        keyId: '',
      };
    },
    report: (r) => void reports.push(r),
    log: { append: async (e) => void logged.push(e) },
    logger: { info: () => undefined, warn: () => undefined },
    minCellSize: 5,
    sharePersonalisedTensors: false,
    siteId: 'site-a',
    recordSpend: async () => undefined,
    secureAggregation: {
      open: () => {
        throw new Error('no secure aggregation in these tests');
      },
    },
    clock: new Clock(),
    prefetchBatches: 1,
    trainingThreads: 1,
    ...overrides,
  };
  return { deps, reports, logged, outbox, delivered };
}

describe('runTask', () => {
  it('fetches, trains, stores the update in the outbox, delivers it with guarded counts, and empties the outbox', async () => {
    const { deps, reports, logged, outbox, delivered } = fakeDeps();
    expect(await runTask(order, deps)).toEqual({ kind: 'delivered', accepted: true });
    expect(delivered).toHaveLength(1);
    // 12 samples and 10 validation samples leave as multiples of k = 5.
    expect(delivered[0]).toMatchObject({
      taskId: 't1',
      runId: 'r1',
      round: 1,
      sampleCount: 10,
      metrics: { train_loss: 0.25, val_accuracy: 0.75, val_samples: 10 },
      encoding: 'float32',
      baseModelVersionId: 'v0',
    });
    expect(reports.map((r) => (r.kind === 'progress' ? r.progress.phase : r.kind))).toEqual(['fetching', 'uploading']);
    expect(outbox.size).toBe(0);
    expect(logged.map((e) => e['kind'])).toEqual(['update']);
  });

  it('privatizes with the spec the site approved: the update is clipped to the spec clip norm', async () => {
    const { deps, delivered } = fakeDeps({ approve: async () => spec({ privacy: { clipNorm: 0.5, noiseMultiplier: 0 } }) });
    let sent: Uint8Array | null = null;
    const deliver = deps.deliver;
    deps.deliver = async (task, header, container, label) => ((sent = container), deliver(task, header, container, label));
    await runTask(order, deps);
    const values = decodeTensors(sent!).flatMap((t) => Array.from(t.values));
    // Six values of 0.5 have norm √1.5 ≈ 1.2247; clipped to 0.5, each is 0.5 × 0.5 / √1.5.
    expect(values.map((v) => v.toFixed(6))).toEqual(Array(6).fill((0.25 / Math.sqrt(1.5)).toFixed(6)));
    expect(delivered[0]!.totalBytes).toBe(sent!.length);
  });

  it('trains by DP-SGD under a sample-level spec, sends the update as trained, and records its training samples for the ledger', async () => {
    const sample = spec({ localEpochs: 2, batchSize: 4, privacy: { level: 'sample', clipNorm: 0.5, noiseMultiplier: 1 } });
    const jobs: unknown[] = [];
    const spent: number[] = [];
    let sent: Uint8Array | null = null;
    const { deps } = fakeDeps({ approve: async () => sample, recordSpend: async (_task, _spec, samples) => void spent.push(samples) });
    const train = deps.train;
    deps.train = async (job, data, onEpoch) => (jobs.push(job.dpSgd), train(job, data, onEpoch));
    const deliver = deps.deliver;
    deps.deliver = async (task, header, container, label) => ((sent = container), deliver(task, header, container, label));
    expect(await runTask(order, deps)).toEqual({ kind: 'delivered', accepted: true });
    expect(jobs).toEqual([{ clipNorm: 0.5, noiseMultiplier: 1 }]);
    // The noise went into every step: the update leaves unclipped and unnoised a second time.
    expect(decodeTensors(sent!).flatMap((t) => Array.from(t.values))).toEqual(Array(6).fill(0.5));
    expect(spent).toEqual([12]);
  });

  it('refuses a DP-SGD task that asks for other epochs or batch size than the spec the budget approved', async () => {
    const sample = spec({ localEpochs: 1, batchSize: 4, privacy: { level: 'sample', clipNorm: 0.5, noiseMultiplier: 1 } });
    const { deps, reports } = fakeDeps({ approve: async () => sample });
    const outcome = await runTask(order, deps);
    expect(outcome).toEqual({
      kind: 'failed',
      reason:
        "refused: the task asks for 2 local epochs in batches of 4; the spec's DP-SGD spend, which the site's privacy budget approved, is for 1 in batches of 4",
    });
    expect(reports.at(-1)).toMatchObject({ kind: 'failure', taskId: 't1' });
  });

  it('under secure aggregation sends only the masked update, with the counts and metrics through the guard', async () => {
    // A round of this site and one peer, the coordinator's side run in process.
    const secure = {
      roundId: 'r1-round',
      threshold: 2,
      reconstruction: 2,
      vectorLength: 7,
      fixedPoint: fixedPointFor(2, 10),
      maxWeight: 100,
      phaseSeconds: 0.05,
    };
    const round = new SecAggRound(secure, ['site-a', 'peer'], null);
    const peer = new SecAggSite('peer', secure);
    round.receiveAdvert(peer.advertise());
    const inbox: SecAggDownMessage[] = [];
    const sent: SecAggUpMessage[] = [];
    const { deps } = fakeDeps({
      secureAggregation: {
        open: () => ({
          send: (message) => {
            sent.push(message);
            if (message.kind === 'advert') {
              round.receiveAdvert(message.advert);
              const rosters = round.closeAdvertising();
              inbox.push({ kind: 'roster', roster: rosters.get('site-a')! });
              void peer.shareKeys(rosters.get('peer')!).then((bundle) => round.receiveShares(bundle));
            }
            if (message.kind === 'shares') {
              round.receiveShares(message.bundle);
              inbox.push({ kind: 'inbox', inbox: round.closeSharing().get('site-a')! });
            }
          },
          next: async (kind) => {
            for (let i = 0; i < 100 && !inbox.some((m) => m.kind === kind); i++) await new Promise((r) => setTimeout(r, 5));
            const at = inbox.findIndex((m) => m.kind === kind);
            if (at < 0) throw new ConsiliumError('DEADLINE_EXCEEDED', `no ${kind}`);
            return inbox.splice(at, 1)[0] as never;
          },
          close: () => undefined,
        }),
      },
    });
    expect(await runTask({ ...order, secureAggregation: secure }, deps)).toEqual({ kind: 'delivered', accepted: true });
    expect(sent.map((m) => m.kind)).toEqual(['advert', 'shares', 'masked']);
    const masked = sent[2] as Extract<SecAggUpMessage, { kind: 'masked' }>;
    // 12 training samples and 10 validation samples leave as multiples of k = 5, as in the clear.
    expect(masked.sampleCount).toBe(10);
    expect(masked.metrics).toEqual({ train_loss: 0.25, val_accuracy: 0.75, val_samples: 10 });
    // The six deltas of 0.5 and the weight 12/100 never appear: every word is masked.
    const plain = quantise(weightedInput(Array(6).fill(0.5), 12, 100), secure.fixedPoint);
    expect(masked.input.masked.filter((w, i) => w === plain[i]).length).toBe(0);
  });

  it('sends an update found in the outbox without training again', async () => {
    const { deps, outbox, delivered } = fakeDeps({
      train: async () => {
        throw new Error('must not train');
      },
    });
    const header = {
      taskId: 't1',
      runId: 'r1',
      round: 1,
      sampleCount: 10,
      metrics: {},
      encoding: 'float32',
      totalBytes: 3,
      sha256: 'a'.repeat(64),
      baseModelVersionId: 'v0',
    };
    outbox.set('t1', { header, container: new Uint8Array(3) });
    expect(await runTask(order, deps)).toEqual({ kind: 'delivered', accepted: true });
    expect(delivered).toEqual([header]);
  });

  it('evaluates an evaluate-only task and reports its metrics, with nothing to upload', async () => {
    const { deps, reports, delivered } = fakeDeps();
    expect(await runTask({ ...order, evaluateOnly: true }, deps)).toEqual({ kind: 'evaluated' });
    expect(reports.at(-1)).toEqual({ kind: 'evaluation', taskId: 't1', sampleCount: 10, metrics: { val_accuracy: 0.5, val_samples: 10 } });
    expect(delivered).toEqual([]);
  });

  it("sends the tensors it keeps with a cross-site run's closing evaluation only where its policy allows and the run adds no noise", async () => {
    const bias = global[1]!;
    const shared = { ...order, evaluateOnly: true, shareLocalTensors: true, sharedTensors: ['dense/kernel'] };
    const kept = { localTensors: { load: async () => [{ ...bias, values: Float32Array.from([7, 8]) }], save: async () => undefined } };
    const sent = async (overrides: Partial<TaskDeps>) => {
      const { deps, reports, logged } = fakeDeps({ ...kept, ...overrides });
      await runTask(shared, deps);
      const report = reports.at(-1) as Extract<SiteReport, { kind: 'evaluation' }>;
      return { tensors: report.localTensors ? decodeTensors(report.localTensors) : null, logged: logged.at(-1)!['localTensors'] };
    };
    const allowed = await sent({ sharePersonalisedTensors: true });
    expect(allowed.tensors!.map((t) => [t.name, Array.from(t.values)])).toEqual([['dense/bias', [7, 8]]]);
    expect(allowed.logged).toEqual({
      names: ['dense/bias'],
      bytes: encodeTensors(allowed.tensors!).length,
      sha256: sha256Hex(encodeTensors(allowed.tensors!)),
    });
    expect(await sent({})).toEqual({ tensors: null, logged: undefined });
    expect(await sent({ sharePersonalisedTensors: true, approve: async () => spec({ privacy: { clipNorm: 1, noiseMultiplier: 1 } }) })).toEqual({
      tensors: null,
      logged: undefined,
    });
  });

  it('refuses to train on fewer samples than k, and reports the failure with its reason', async () => {
    const { deps, reports, logged } = fakeDeps({ localData: async (inputShape) => ({ inputShape, classCount: 2, train: rows(4), validation: rows(10) }) });
    const reason =
      "this site holds fewer training samples of the run's classes than its minimum cell size (privacy.minCellSize 5); it does not train on so few, since the sample count leaves the site with the update";
    expect(await runTask(order, deps)).toEqual({ kind: 'failed', reason });
    expect(reports.at(-1)).toEqual({ kind: 'failure', taskId: 't1', reason });
    expect(logged).toEqual([{ kind: 'failure', taskId: 't1', runId: 'r1', round: 1, reason }]);
  });

  it('fails without fetching anything when the site does not consent', async () => {
    let fetched = false;
    const { deps } = fakeDeps({
      approve: async () => {
        throw new ConsiliumError('PERMISSION_DENIED', 'run r1 awaits approval');
      },
      fetchModel: async () => ((fetched = true), model),
    });
    expect(await runTask(order, deps)).toEqual({ kind: 'failed', reason: 'run r1 awaits approval' });
    expect(fetched).toBe(false);
  });
});
