#!/usr/bin/env node
import 'reflect-metadata';
import { Command, InvalidArgumentError } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConsiliumError, describeError } from '../common/errors.js';
import { loadCoordinatorConfig } from '../coordinator/config/coordinator-config.js';
import type { RunDetails } from '../coordinator/services/run.service.js';
import { runDemo } from './demo/demo.js';
import { RestClient } from './rest-client.js';
import { renderRun } from './run-view.js';

const program = new Command('consilium').description('Federated multi-centre training for medical imaging').showHelpAfterError();
const defaultUrl = process.env['CONSILIUM_URL'] ?? 'http://127.0.0.1:8080';
const integer = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
};
const urlOption = ['--coordinator-url <url>', 'coordinator REST URL (env CONSILIUM_URL)', defaultUrl] as const;

const coordinator = program.command('coordinator').description('the coordinator service');
coordinator
  .command('start')
  .description('serve REST and gRPC until stopped (SQLite in --state-dir, or PostgreSQL when DATABASE_URL is set)')
  .option('--config <file>', 'YAML config file')
  .option('--host <host>', 'interface to bind (env CONSILIUM_HOST)')
  .option('--http-port <port>', 'REST port (env CONSILIUM_HTTP_PORT)', integer)
  .option('--grpc-port <port>', 'gRPC port (env CONSILIUM_GRPC_PORT)', integer)
  .option('--state-dir <dir>', 'database and blob folder (env CONSILIUM_STATE_DIR)')
  .action(async (opts: { config?: string; host?: string; httpPort?: number; grpcPort?: number; stateDir?: string }) => {
    const { startCoordinator } = await import('../coordinator/main.js');
    const config = loadCoordinatorConfig(opts.config, process.env, { host: opts.host, httpPort: opts.httpPort, grpcPort: opts.grpcPort, stateDir: opts.stateDir });
    const running = await startCoordinator(config);
    console.log(`coordinator ready: REST ${running.httpUrl}, gRPC ${running.grpcAddress}, database ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.stateDir}`}`);
  });

const site = program.command('site').description('the site agent, and site administration');
site
  .command('start')
  .description('run the site agent: dial out to the coordinator and train on local data')
  .requiredOption('--config <file>', 'site YAML config')
  .action(async (opts: { config: string }) => {
    const { startSiteAgent } = await import('../site-agent/main.js');
    await startSiteAgent(opts.config);
  });
site
  .command('doctor')
  .description('check the config, the data and the training backend, and say why faster backends are not used')
  .requiredOption('--config <file>', 'site YAML config')
  .action(async (opts: { config: string }) => {
    const { siteDoctor } = await import('../site-agent/main.js');
    console.log(await siteDoctor(opts.config));
  });
site
  .command('scan')
  .description("profile this site's data locally (labels, duplicates, unreadable files, DICOM headers, intensities); contacts nobody")
  .requiredOption('--config <file>', 'site YAML config')
  .option('--out <dir>', 'where to write profile.json, profile.shared.json and profile.html (default: <stateDir>/profile)')
  .action(async (opts: { config: string; out?: string }) => {
    const { siteScan } = await import('../site-agent/main.js');
    const { report, files } = await siteScan(opts.config, opts.out);
    console.log(`${report}\n\nwrote ${files.join(', ')}`);
  });
site
  .command('verify-receipts')
  .description("check this site's log of sent updates against the coordinator: receipt signatures, sent bytes, audit events")
  .requiredOption('--config <file>', 'site YAML config')
  .option(...urlOption)
  .action(async (opts: { config: string; coordinatorUrl: string }) => {
    const { verifySiteReceipts } = await import('./audit-commands.js');
    const { ok, text } = await verifySiteReceipts(opts.config, opts.coordinatorUrl);
    console.log(text);
    if (!ok) process.exitCode = 1;
  });
site
  .command('enrol')
  .alias('enroll')
  .description('enrol a site at the coordinator so its agent may connect')
  .argument('<id>', 'site id, e.g. hospital-a')
  .option('--name <name>', 'display name')
  .option(...urlOption)
  .action(async (id: string, opts: { name?: string; coordinatorUrl: string }) => {
    const created = await new RestClient(opts.coordinatorUrl).request('POST', '/api/sites', { json: { id, ...(opts.name ? { name: opts.name } : {}) } });
    console.log(JSON.stringify(created, null, 2));
  });

const run = program.command('run').description('training runs');
run
  .command('create')
  .description('submit a run spec (YAML or JSON)')
  .requiredOption('--spec <file>', 'run spec file')
  .option(...urlOption)
  .action(async (opts: { spec: string; coordinatorUrl: string }) => {
    const text = await readFile(opts.spec, 'utf8');
    const created = await new RestClient(opts.coordinatorUrl).request<{ id: string; specSha256: string }>('POST', '/api/runs', { yaml: text });
    console.log(`run ${created.id} created (spec sha256 ${created.specSha256})`);
  });
run
  .command('watch')
  .description('live progress per round and per-site metrics until the run ends')
  .argument('<id>', 'run id')
  .option(...urlOption)
  .option('--interval <ms>', 'refresh interval', integer, 1000)
  .action(async (id: string, opts: { coordinatorUrl: string; interval: number }) => {
    const rest = new RestClient(opts.coordinatorUrl);
    const live = process.stdout.isTTY;
    for (;;) {
      const details = await rest.request<RunDetails>('GET', `/api/runs/${id}`);
      const view = renderRun(details);
      if (live) process.stdout.write('\x1b[2J\x1b[H' + view + '\n');
      const ended = ['completed', 'failed', 'cancelled'].includes(details.run.status);
      if (ended) {
        if (!live) console.log(view);
        process.exitCode = details.run.status === 'completed' ? 0 : 1;
        return;
      }
      await new Promise((r) => setTimeout(r, opts.interval));
    }
  });
run
  .command('download')
  .description('save the latest global model as a tfjs layers model (model.json + weights)')
  .argument('<id>', 'run id')
  .requiredOption('--out <dir>', 'output folder')
  .option(...urlOption)
  .action(async (id: string, opts: { out: string; coordinatorUrl: string }) => {
    const rest = new RestClient(opts.coordinatorUrl);
    const modelJson = await rest.request<Record<string, unknown>>('GET', `/api/runs/${id}/model`);
    const weights = await rest.request<Buffer>('GET', `/api/runs/${id}/model/weights.bin`);
    const manifest = modelJson['weightsManifest'] as { paths: string[] }[];
    manifest[0]!.paths = ['weights.bin'];
    await mkdir(opts.out, { recursive: true });
    await writeFile(path.join(opts.out, 'model.json'), JSON.stringify(modelJson, null, 2));
    await writeFile(path.join(opts.out, 'weights.bin'), weights);
    console.log(`saved ${path.join(opts.out, 'model.json')} and weights.bin (${weights.length} bytes); load with tf.loadLayersModel('file://…/model.json')`);
  });

program
  .command('demo')
  .description('a 3-hospital federation on this machine: synthetic data, coordinator, 3 agents over gRPC, FedAvg')
  .option('--rounds <n>', 'training rounds', integer, 5)
  .option('--images <n>', 'images per site', integer, 240)
  .option('--keep', 'keep the temporary folder', false)
  .action(async (opts: { rounds: number; images: number; keep: boolean }) => {
    process.exitCode = await runDemo({ rounds: opts.rounds, imagesPerSite: opts.images, keep: opts.keep, minGain: 0.05 });
  });

const audit = program.command('audit').description('the tamper-evident audit chain');
audit
  .command('verify')
  .description('recompute every hash, link and checkpoint signature; names the first broken event')
  .option(...urlOption)
  .option('--file <jsonl>', 'verify an exported chain offline instead (needs --key)')
  .option('--key <pem>', "the coordinator's public key (GET /api/audit/key)")
  .action(async (opts: { coordinatorUrl: string; file?: string; key?: string }) => {
    const { verifyAudit } = await import('./audit-commands.js');
    const { verdict, text } = await verifyAudit(opts);
    console.log(text);
    if (!verdict.ok) process.exitCode = 1;
  });
audit
  .command('export')
  .description('the audit events as JSON lines, for one run or all')
  .option(...urlOption)
  .option('--run <id>', 'only the events about this run')
  .option('--format <format>', 'jsonl (the events) or prov (W3C PROV-JSON lineage of the run\'s latest model; needs --run)', 'jsonl')
  .option('--out <file>', 'write to a file instead of standard output')
  .action(async (opts: { coordinatorUrl: string; run?: string; format: string; out?: string }) => {
    const { exportAudit, exportProv } = await import('./audit-commands.js');
    if (opts.format === 'jsonl') console.log(await exportAudit(opts.coordinatorUrl, opts.run, opts.out));
    else if (opts.format === 'prov' && opts.run) console.log(await exportProv(opts.coordinatorUrl, opts.run, opts.out));
    else throw new InvalidArgumentError(opts.format === 'prov' ? '--format prov needs --run ID' : `--format must be jsonl or prov, not ${opts.format}`);
  });

const experiment = program.command('experiment').description('strategy experiments in one process (simulation, no network)');
experiment
  .command('fedbn')
  .description("FedAvg vs FedBN on the demo's scanner-shifted hospitals: per-site validation accuracy")
  .option('--rounds <n>', 'training rounds', integer, 10)
  .option('--images <n>', 'images per site', integer, 240)
  .action(async (opts: { rounds: number; images: number }) => {
    const { fedBnExperiment, renderFedBnTable } = await import('./simulate/fedbn-experiment.js');
    console.log(renderFedBnTable(await fedBnExperiment({ rounds: opts.rounds, imagesPerSite: opts.images })));
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConsiliumError) {
    console.error(`error (${error.code}): ${error.message}`);
  } else {
    console.error(`error: ${describeError(error)}`);
  }
  process.exitCode = 1;
}
