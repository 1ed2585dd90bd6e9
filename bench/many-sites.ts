// npm run bench -- many-sites [--sites N] [--rounds R] [--coordinators C]: C coordinator processes, N simulated sites in this process.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { stringify } from 'yaml';

import { freshSchema } from '../cli/simulate/fresh-schema.js';
import { sha256Hex } from '../common/hashing.js';
import { RestClient } from '../common/rest-client.js';
import { decodeTensors, encodeTensors } from '../common/tensor-codec.js';
import type { RunDetails } from '../coordinator/services/run.service.js';
import type { consilium } from '../proto/gen/consilium.js';
import { mapLimited } from '../site-agent/data/map-limited.js';
import { enrolSite } from '../site-agent/identity/site-identity.js';
import { CoordinatorClient } from '../site-agent/transport/coordinator-client.js';
import type { BenchRow } from './table.js';

const cli = path.resolve('dist/cli/main.js');

/** At most `limit` of the returned function's jobs run at once, for jobs that arrive one by one (tasks on a stream); a list uses mapLimited. */
function limiter(limit: number): <T>(job: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (job) => {
    while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await job();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * A site with a no-op trainer: it speaks the whole protocol over mutual TLS
 * (hello, consent, model download, update upload with receipt, evaluation)
 * but sends a zero update, so what is measured is the coordinator.
 */
/** Connects as a bench site with a no-op trainer: says hello, consents to every offer, hands each task to `onTask`. */
export function connectBenchSite(
  client: CoordinatorClient,
  siteId: string,
  onTask: (task: consilium.v1.TaskAssignment) => void,
): ReturnType<CoordinatorClient['connect']> {
  const stream = client.connect();
  stream.on('error', () => undefined);
  stream.on('data', (message: consilium.v1.CoordinatorMessage) => {
    if (message.offer)
      stream.write({ consent: { runId: message.offer.runId, specSha256: message.offer.specSha256, state: 'approved', reason: 'simulated site' } });
    if (message.task) onTask(message.task as consilium.v1.TaskAssignment);
  });
  stream.write({
    hello: {
      siteId,
      agentVersion: 'bench',
      protocol: 'consilium.v1',
      backend: { name: 'none', device: 'no-op trainer', notes: [] },
      dataset: {
        kind: 'csv',
        trainSamples: 10,
        validationSamples: 2,
        classes: ['no', 'yes'],
        classCounts: [6, 6],
        inputShape: [1000],
        skippedFiles: 0,
        fingerprint: 'bench',
      },
    },
  });
  return stream;
}

class SimulatedSite {
  private readonly client: CoordinatorClient;

  constructor(
    private readonly siteId: string,
    address: string,
    identity: { keyPem: string; certPem: string; caPem: string },
    private readonly slot: <T>(job: () => Promise<T>) => Promise<T>,
    private readonly zeros: Map<string, { bytes: Uint8Array; sha256: string }>,
  ) {
    this.client = new CoordinatorClient(address, identity);
  }

  private stream: ReturnType<CoordinatorClient['connect']> | null = null;
  private closed = false;
  /** Streams this site dialled again after one broke. */
  reconnects = 0;

  connect(): void {
    const stream = connectBenchSite(
      this.client,
      this.siteId,
      (task) => void this.slot(() => this.perform(task)).catch((error: unknown) => console.error(`${this.siteId}: ${(error as Error).message}`)),
    );
    this.stream = stream;
    // As an agent does: a broken stream is dialled again, and the coordinator offers the run and resends the open task.
    const again = (): void => {
      if (this.closed || this.stream !== stream) return;
      this.stream = null;
      this.reconnects++;
      setTimeout(() => this.connect(), 1000);
    };
    stream.on('error', again);
    stream.on('end', again);
  }

  private async perform(task: consilium.v1.TaskAssignment): Promise<void> {
    const model = await this.client.fetchModel(task.modelVersionId, Number(task.modelBytes), task.modelSha256);
    if (task.evaluateOnly) {
      this.stream!.write({ evaluation: { taskId: task.taskId, sampleCount: 10, metrics: { val_accuracy: 0.5, val_loss: 0.69 } } });
      return;
    }
    // Every simulated site sends the same zero update: built and hashed once, as separate sites would do side by side.
    let zero = this.zeros.get(task.modelSha256);
    if (!zero) {
      const bytes = encodeTensors(decodeTensors(model).map((t) => ({ ...t, values: new Float32Array(t.values.length) })));
      zero = { bytes, sha256: sha256Hex(bytes) };
      this.zeros.set(task.modelSha256, zero);
    }
    const update = zero.bytes;
    const header = {
      taskId: task.taskId,
      runId: task.runId,
      round: task.round,
      sampleCount: 10,
      metrics: { train_loss: 0.5 },
      encoding: 'float32',
      totalBytes: update.length,
      sha256: zero.sha256,
      baseModelVersionId: task.modelVersionId,
    };
    const receipt = await this.client.deliverUpdate(header, update, Date.now() + 900_000);
    if (!receipt.accepted) throw new Error(`update rejected: ${receipt.reason}`);
  }

  close(): void {
    this.closed = true;
    this.stream?.cancel();
    this.client.close();
  }
}

export interface ManySitesOptions {
  sites: number;
  rounds: number;
  /** Dense 1000 → hidden → 2: 1000 gives 1 003 002 parameters. */
  hidden: number;
  /** Site tasks in flight at once in this process (downloads and uploads). */
  concurrency: number;
  /** Coordinator processes; more than one share a fresh schema of `databaseUrl` (cluster.kind postgres) and one state folder. */
  coordinators?: number;
  /** PostgreSQL for the coordinators; absent: SQLite (one process only). */
  databaseUrl?: string;
}

interface CoordinatorProcess {
  child: ChildProcess;
  httpUrl: string;
  grpcAddress: string;
  log: () => string;
}

async function startCoordinator(configFile: string, env: NodeJS.ProcessEnv): Promise<CoordinatorProcess> {
  const child = spawn(process.execPath, [cli, 'coordinator', 'start', '--config', configFile], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const [, httpUrl, grpcAddress] = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /REST (http:\/\/\S+), gRPC (\S+),/.exec(log);
      if (match) {
        clearInterval(timer);
        resolve(match);
      }
    }, 50);
    child.once('exit', () => reject(new Error(`coordinator exited: ${log}`)));
  });
  return { child, httpUrl: httpUrl!, grpcAddress: grpcAddress!, log: () => log };
}

/** Sums a Prometheus series (all its labels) in a /metrics text. */
function seriesSum(text: string, name: string): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

export async function manySitesBench(options: ManySitesOptions): Promise<{ rows: BenchRow[]; summary: Record<string, number> }> {
  const root = mkdtempSync(path.join(tmpdir(), 'consilium-many-sites-'));
  const stateDir = path.join(root, 'coordinator');
  const { DATABASE_URL: _embedded, ...env } = process.env;
  const count = options.coordinators ?? 1;
  if (count > 1 && !options.databaseUrl) throw new Error('several coordinator processes share PostgreSQL: set DATABASE_URL');
  const database = options.databaseUrl ? await freshSchema(options.databaseUrl, 'consilium_bench') : null;
  const configFile = path.join(root, 'coordinator.yaml');
  writeFileSync(
    configFile,
    stringify({
      siteCallsPerMinute: 100_000,
      httpPort: 0,
      grpcPort: 0,
      stateDir,
      ...(database ? { databaseUrl: database.url } : {}),
      ...(count > 1 ? { cluster: { kind: 'postgres', channel: database!.schema } } : {}),
    }),
  );
  const init = spawnSync(process.execPath, [cli, 'coordinator', 'init', '--config', configFile], { encoding: 'utf8', env });
  if (init.status !== 0) throw new Error(init.stderr);
  const adminToken = /^(csk_\S+)$/m.exec(init.stdout)![1]!;
  const coordinators: CoordinatorProcess[] = [];
  const sites: SimulatedSite[] = [];
  try {
    for (let i = 0; i < count; i++) coordinators.push(await startCoordinator(configFile, env));
    const { httpUrl } = coordinators[0]!;
    const admin = new RestClient(httpUrl, { token: adminToken });
    const researcher = new RestClient(httpUrl, {
      token: (await admin.request<{ token: string }>('POST', '/api/tokens', { json: { name: 'bench', role: 'researcher' } })).token,
    });

    const ids = Array.from({ length: options.sites }, (_, i) => `sim-${String(i).padStart(3, '0')}`);
    const enrolStarted = performance.now();
    const identities = await mapLimited(ids, 16, async (id) => {
      await admin.request('POST', '/api/sites', { json: { id } });
      const { token } = await admin.request<{ token: string }>('POST', `/api/sites/${id}/enrolment-tokens`, { json: {} });
      return enrolSite(path.join(root, id), id, httpUrl, token);
    });
    const enrolSeconds = (performance.now() - enrolStarted) / 1000;
    const slot = limiter(options.concurrency);
    const zeros = new Map<string, { bytes: Uint8Array; sha256: string }>();
    // Spread over the processes as a balancer in front of them would.
    for (const [i, id] of ids.entries()) sites.push(new SimulatedSite(id, coordinators[i % count]!.grpcAddress, identities[i]!, slot, zeros));
    for (const site of sites) site.connect();
    for (;;) {
      const online = (await admin.request<{ sites: { online: boolean }[] }>('GET', '/api/sites')).sites.filter((s) => s.online).length;
      if (online === options.sites) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const started = performance.now();
    const { id } = await researcher.request<{ id: string }>('POST', '/api/runs', {
      json: {
        name: `${options.sites} simulated sites`,
        classes: ['no', 'yes'],
        rounds: options.rounds,
        sites: ids,
        roundDeadlineSeconds: 1800,
        siteWaitSeconds: 600,
        roundPolicy: { minSitesToStart: options.sites },
        model: {
          class_name: 'Sequential',
          config: {
            layers: [
              { class_name: 'Dense', config: { input_shape: [1000], units: options.hidden, activation: 'relu' } },
              { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
            ],
          },
        },
      },
    });
    let details: RunDetails;
    for (;;) {
      details = await researcher.request<RunDetails>('GET', `/api/runs/${id}`);
      if (['completed', 'failed', 'cancelled'].includes(details.run.status)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const totalSeconds = (performance.now() - started) / 1000;
    if (details.run.status !== 'completed') throw new Error(`the ${options.sites}-site run ${details.run.status}: ${details.run.error}`);
    const peakRssMb = coordinators.map((c) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${c.child.pid}/status`, 'utf8'))![1]) / 1024);
    const scraped = await Promise.all(
      coordinators.map(async (c) => (await fetch(`${c.httpUrl}/metrics`, { headers: { authorization: `Bearer ${adminToken}` } })).text()),
    );
    const databaseSeconds = scraped.reduce((sum, text) => sum + seriesSum(text, 'consilium_db_transaction_seconds_sum'), 0);
    const blobSeconds = scraped.reduce((sum, text) => sum + seriesSum(text, 'consilium_blob_seconds_sum'), 0);
    const parameters = 1000 * options.hidden + options.hidden + options.hidden * 2 + 2;
    const updateMb = (parameters * 4) / 2 ** 20;
    const train = details.rounds.filter((r) => r.kind === 'train');
    const seconds = train.map((r) => (Date.parse(r.completedAt!) - Date.parse(r.startedAt)) / 1000);
    const perRound = seconds.reduce((a, b) => a + b, 0) / seconds.length;
    // What one round must move through the coordinator: every site's download and upload of the model.
    const roundMb = options.sites * updateMb * 2;
    const rows: BenchRow[] = [
      ...seconds.map((s, i) => ({
        benchmark: `${options.sites} sites × ${parameters} parameters: round ${i + 1}`,
        measured: `${s.toFixed(1)} s (${(roundMb / s).toFixed(0)} MB/s through the coordinator)`,
        baseline: `mean round ${perRound.toFixed(1)} s`,
        ratio: perRound / s,
      })),
      ...peakRssMb.map((mb, i) => ({
        benchmark: `${options.sites} sites: coordinator ${count > 1 ? `process ${i + 1} of ${count}` : 'process'} peak RSS`,
        measured: `${mb.toFixed(0)} MB`,
        baseline: `one round's updates ${(options.sites * updateMb).toFixed(0)} MB`,
        ratio: (options.sites * updateMb) / mb,
      })),
    ];
    const summary = {
      sites: options.sites,
      coordinators: count,
      parameters,
      secondsPerRound: perRound,
      peakRssMb: Math.max(...peakRssMb),
      databaseSeconds,
      blobSeconds,
      enrolSeconds,
      totalSeconds,
      reconnects: sites.reduce((sum, site) => sum + site.reconnects, 0),
    };
    return { rows, summary };
  } finally {
    for (const site of sites) site.close();
    await Promise.all(
      coordinators.map(({ child }) => {
        child.kill('SIGTERM');
        return new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
      }),
    );
    rmSync(root, { recursive: true, force: true });
  }
}
