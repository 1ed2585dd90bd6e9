import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import pg from 'pg';
import { stringify } from 'yaml';

import { RestClient } from '../../common/rest-client.js';
import type { RunDetails } from '../../coordinator/services/run.service.js';
import { enrolSite } from '../../site-agent/identity/site-identity.js';
import { waitFor } from './coordinator.js';
import { freshSchema } from './postgres.js';
import { TcpProxy } from './tcp-proxy.js';

// Built JS, as users run it: `npm test` builds first.
const cli = path.resolve('dist/cli/main.js');
// Child processes keep their state in their own SQLite file: a shared DATABASE_URL would carry state over between tests.
const { DATABASE_URL: _shared, ...childEnv } = process.env;

/** Several coordinator processes sharing a fresh schema of one PostgreSQL database and one state folder. */
export interface ClusterOptions {
  databaseUrl: string;
  coordinators: number;
  leaseSeconds: number;
}

/** How test/support/secagg-fault.mjs makes an agent process misbehave in a secure-aggregation round. */
export type SecAggFault = 'die-before-sharing' | 'die-before-masking' | 'lie-in-unmasking';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A CSV table of `features` numeric columns and a label the features predict; every (1/unlabelled)-th row is left
 * without its label. Returns the labels by row id, the unwritten ones too (what a reader would say).
 */
function writeTable(file: string, features: number, rows: number, seed: number, unlabelled = 0): Map<string, string> {
  const labels = new Map<string, string>();
  const blank = unlabelled > 0 ? Math.max(1, Math.round(1 / unlabelled)) : 0;
  const lines = [[...Array.from({ length: features }, (_, i) => `f${i}`), 'label'].join(',')];
  for (let r = 0; r < rows; r++) {
    const label = (r + seed) % 2;
    const written = blank > 0 && r % blank === 0 ? '' : label ? 'yes' : 'no';
    lines.push([...Array.from({ length: features }, (_, i) => (((r * 31 + i * 17 + seed) % 13) / 13 + label * 0.5).toFixed(3)), written].join(','));
    // Row ids are line numbers: the header is line 1.
    labels.set(`row-${r + 2}`, label ? 'yes' : 'no');
  }
  writeFileSync(file, lines.join('\n'));
  return labels;
}

/** Two readers of every row in long form: reader-a gives the table's label, reader-b flips it on every (1/disagreement)-th row. */
function writeReaders(file: string, labels: Map<string, string>, disagreement: number): void {
  const every = Math.max(1, Math.round(1 / disagreement));
  const lines = ['case,reader,label'];
  [...labels].forEach(([id, label], i) => {
    lines.push(`${id},reader-a,${label}`, `${id},reader-b,${i % every === 0 ? (label === 'yes' ? 'no' : 'yes') : label}`);
  });
  writeFileSync(file, lines.join('\n'));
}

/**
 * A coordinator and site agents as real processes on loopback, for fault
 * tests: each can be killed (-9) and started again on the same state and ports.
 * With `cluster`, the coordinator is several processes (`coordinator-0`, …)
 * behind one address: a failover TCP balancer for REST and one for gRPC.
 */
export class ProcessFederation {
  readonly root = mkdtempSync(path.join(tmpdir(), 'consilium-faults-'));
  readonly coordinatorDir: string;
  readonly logs = new Map<string, string[]>();
  /** Each site's true labels by row id, those its table leaves out included. */
  readonly truth = new Map<string, Map<string, string>>();
  private readonly processes = new Map<string, ChildProcess>();
  httpPort = 0;
  grpcPort = 0;
  /** Each coordinator process's own ports (one entry without `cluster`). */
  readonly coordinators: { name: string; httpPort: number; grpcPort: number }[] = [];
  /** The balancers in front of a cluster's processes. */
  readonly fronts: TcpProxy[] = [];
  /** The cluster's database, in its own schema. */
  databaseUrl: string | null = null;
  private readonly cluster: ClusterOptions | null;
  /** The bearer token of each role, for tests that call the CLI or fetch directly. */
  readonly tokens: Record<string, string> = {};
  admin!: RestClient;
  researcher!: RestClient;
  auditor!: RestClient;

  /** `coordinatorDir`: the coordinator's state folder (default: beside the sites, under `root`). */
  constructor(options: { coordinatorDir?: string; cluster?: ClusterOptions } = {}) {
    this.coordinatorDir = options.coordinatorDir ?? path.join(this.root, 'coordinator');
    this.cluster = options.cluster ?? null;
  }

  private get configFile(): string {
    return path.join(this.root, 'coordinator.yaml');
  }

  get httpUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get grpcAddress(): string {
    return `127.0.0.1:${this.grpcPort}`;
  }

  async start(): Promise<this> {
    const config: Record<string, unknown> = { stateDir: this.coordinatorDir };
    if (this.cluster) {
      const { schema, url } = await freshSchema(this.cluster.databaseUrl, 'consilium_cluster');
      this.databaseUrl = url;
      Object.assign(config, { databaseUrl: url, cluster: { kind: 'postgres', leaseSeconds: this.cluster.leaseSeconds, channel: schema } });
    }
    writeFileSync(this.configFile, stringify(config));
    const init = spawnSync(process.execPath, [cli, 'coordinator', 'init', '--config', this.configFile], { encoding: 'utf8', env: childEnv });
    if (init.status !== 0) throw new Error(`coordinator init failed: ${init.stderr}`);
    const processes = this.cluster?.coordinators ?? 1;
    for (let i = 0; i < processes; i++) {
      this.coordinators.push({ name: this.cluster ? `coordinator-${i}` : 'coordinator', httpPort: await freePort(), grpcPort: await freePort() });
    }
    if (this.cluster) {
      const front = async (port: (c: { httpPort: number; grpcPort: number }) => number) => {
        const proxy = await new TcpProxy(this.coordinators.map((c) => ({ host: '127.0.0.1', port: port(c) }))).start();
        this.fronts.push(proxy);
        return proxy.port;
      };
      [this.httpPort, this.grpcPort] = [await front((c) => c.httpPort), await front((c) => c.grpcPort)];
    } else [this.httpPort, this.grpcPort] = [this.coordinators[0]!.httpPort, this.coordinators[0]!.grpcPort];
    await Promise.all(this.coordinators.map((_, i) => this.startCoordinator(i)));
    this.tokens['admin'] = /^(csk_\S+)$/m.exec(init.stdout)![1]!;
    this.admin = new RestClient(this.httpUrl, { token: this.tokens['admin'] });
    const tokenFor = async (role: string) => {
      this.tokens[role] = (await this.admin.request<{ token: string }>('POST', '/api/tokens', { json: { name: `faults-${role}`, role } })).token;
      return new RestClient(this.httpUrl, { token: this.tokens[role] });
    };
    this.researcher = await tokenFor('researcher');
    this.auditor = await tokenFor('auditor');
    return this;
  }

  private spawn(name: string, args: string[], fault?: SecAggFault): ChildProcess {
    const preload = fault ? ['--import', pathToFileURL(path.resolve('test/support/secagg-fault.mjs')).href] : [];
    const env = fault ? { ...childEnv, CONSILIUM_SECAGG_FAULT: fault } : childEnv;
    const child = spawn(process.execPath, [...preload, cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    const log = this.logs.get(name) ?? [];
    this.logs.set(name, log);
    child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
    child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
    this.processes.set(name, child);
    return child;
  }

  log(name: string): string {
    return (this.logs.get(name) ?? []).join('');
  }

  /** The last `lines` lines of every process's log, for a failed test to print: a timeout alone says nothing of why. */
  tails(lines = 30): string {
    return [...this.logs.keys()].map((name) => `--- ${name}\n${this.log(name).trimEnd().split('\n').slice(-lines).join('\n')}`).join('\n');
  }

  /** Starts coordinator process `index` (the only one without `cluster`) on its state and ports. */
  async startCoordinator(index = 0): Promise<void> {
    const { name, httpPort, grpcPort } = this.coordinators[index]!;
    const before = this.log(name).length;
    this.spawn(name, ['coordinator', 'start', '--config', this.configFile, '--http-port', String(httpPort), '--grpc-port', String(grpcPort)]);
    await waitFor(async () => this.log(name).slice(before).includes('coordinator ready'), 30_000);
  }

  /** The coordinator process (by name) holding a lease of the cluster's, such as `run:<id>`; null when none does. */
  async leaseHolder(lease: string): Promise<string | null> {
    const client = new pg.Client({ connectionString: this.databaseUrl! });
    await client.connect();
    try {
      const { rows } = await client.query<{ holder: string }>('SELECT holder FROM coordinator_leases WHERE name = $1 AND expires_at > $2', [
        lease,
        new Date().toISOString(),
      ]);
      // Holders are named <host>-<pid>-<random>.
      const pid = rows[0] ? Number(/-(\d+)-[0-9a-f]+$/.exec(rows[0].holder)?.[1]) : null;
      return [...this.processes].find(([, child]) => child.pid === pid && child.exitCode === null && child.signalCode === null)?.[0] ?? null;
    } finally {
      await client.end();
    }
  }

  /**
   * Registers, enrols (key made here, certificate through REST) and starts a site; `via` routes it through a proxy;
   * `policy` is its site policy (default: no approval needed); `readers` gives its rows two readers, the second
   * flipping the first's label on the given share of rows, with the first as adjudicator; `unlabelled` leaves that
   * share of rows without a label.
   */
  async addSite(
    siteId: string,
    options: {
      features: number;
      rows?: number;
      via?: string;
      policy?: Record<string, unknown>;
      readers?: { disagreement: number };
      unlabelled?: number;
      fault?: SecAggFault;
    },
  ): Promise<string> {
    const dir = path.join(this.root, siteId);
    mkdirSync(dir, { recursive: true });
    const rows = options.rows ?? 40;
    const labels = writeTable(path.join(dir, 'table.csv'), options.features, rows, siteId.length + siteId.charCodeAt(siteId.length - 1), options.unlabelled);
    this.truth.set(siteId, labels);
    if (options.readers) writeReaders(path.join(dir, 'readers.csv'), labels, options.readers.disagreement);
    writeFileSync(path.join(dir, 'policy.yaml'), stringify(options.policy ?? { requireApproval: false }));
    const configFile = path.join(dir, 'site.yaml');
    writeFileSync(
      configFile,
      stringify({
        siteId,
        coordinator: options.via ?? this.grpcAddress,
        stateDir: './state',
        policy: './policy.yaml',
        backend: 'cpu',
        validationFraction: 0.25,
        data: { kind: 'csv', path: './table.csv', labelColumn: 'label' },
        ...(options.readers ? { readers: { file: './readers.csv', consensus: { adjudicator: 'reader-a' } } } : {}),
        reconnect: { initialDelayMs: 200, maxDelayMs: 2000 },
      }),
    );
    await this.admin.request('POST', '/api/sites', { json: { id: siteId } });
    const { token } = await this.admin.request<{ token: string }>('POST', `/api/sites/${siteId}/enrolment-tokens`, { json: {} });
    await enrolSite(path.join(dir, 'state'), siteId, this.httpUrl, token);
    this.startSite(siteId, options.fault);
    return configFile;
  }

  /** Starts a site's agent; with `fault`, one step of its secure aggregation misbehaves (see secagg-fault.mjs). */
  startSite(siteId: string, fault?: SecAggFault): void {
    this.spawn(siteId, ['site', 'start', '--config', path.join(this.root, siteId, 'site.yaml')], fault);
  }

  /** Sites connected to the coordinator now. */
  async online(): Promise<number> {
    return (await this.admin.request<{ sites: { online: boolean }[] }>('GET', '/api/sites')).sites.filter((s) => s.online).length;
  }

  /** Sends the signal and waits for the process to be gone. */
  async kill(name: string, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    const child = this.processes.get(name)!;
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    return exited;
  }

  /** Bytes the coordinator holds of a site's unfinished upload. */
  partialBytes(siteId: string): number {
    const dir = path.join(this.coordinatorDir, 'partial');
    if (!existsSync(dir)) return 0;
    return readdirSync(dir)
      .filter((f) => f.startsWith(`${siteId}.`))
      .reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
  }

  async waitRun(runId: string, timeoutMs: number): Promise<RunDetails> {
    return waitFor(async () => {
      const details = await this.researcher.request<RunDetails>('GET', `/api/runs/${runId}`).catch(() => null);
      return details && ['completed', 'failed', 'cancelled'].includes(details.run.status) ? details : null;
    }, timeoutMs);
  }

  /** Accepted updates as the run shows them, as the audit trail records them, as the final model's lineage counts them, and as the sites' own logs hold receipts for. */
  async ledger(runId: string, siteIds: string[]): Promise<{ accepted: number; audited: number; inLineage: number; receipted: number }> {
    const details = await this.researcher.request<RunDetails>('GET', `/api/runs/${runId}`);
    const train = details.rounds.filter((r) => r.kind === 'train');
    const accepted = train.flatMap((r) => r.tasks).filter((t) => t.update?.status === 'accepted').length;
    const { events } = await this.auditor.request<{ events: { action: string }[] }>('GET', `/api/audit?run=${runId}&action=update.accepted&limit=1000`);
    const lineage = await this.researcher.request<{ ancestry: { contributors: unknown[] }[] }>(
      'GET',
      `/api/models/${details.run.latestModelVersionId}/lineage`,
    );
    const inLineage = lineage.ancestry.reduce((sum, a) => sum + a.contributors.length, 0);
    let receipted = 0;
    for (const siteId of siteIds) {
      const file = path.join(this.root, siteId, 'state', 'sent.jsonl');
      if (!existsSync(file)) continue;
      for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { kind: string; runId?: string; receipt?: { accepted: boolean } };
        if (entry.kind === 'update' && entry.runId === runId && entry.receipt?.accepted) receipted++;
      }
    }
    return { accepted, audited: events.length, inLineage, receipted };
  }

  async stop(): Promise<void> {
    await Promise.all([...this.processes.keys()].map((name) => this.kill(name, 'SIGTERM')));
    await Promise.all(this.fronts.map((f) => f.close()));
  }
}
