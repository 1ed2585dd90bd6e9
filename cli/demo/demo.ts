import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { pino } from 'pino';
import { stringify as toYaml } from 'yaml';

import { createLog } from '../../common/log.js';
import { RestClient } from '../../common/rest-client.js';
import { loadCoordinatorConfig } from '../../coordinator/config/coordinator-config.js';
import { initCoordinator } from '../../coordinator/init.js';
import { startCoordinator } from '../../coordinator/main.js';
import type { RunDetails } from '../../coordinator/services/run.service.js';
import { ImageFolderSource } from '../../site-agent/data/image-folder.source.js';
import { siteApprove, siteEnrol } from '../../site-agent/main.js';
import { clinicalText, renderRun } from '../run-view.js';
import { progressLines } from '../tables.js';
import { PRIMARY_READER, readerCsv, simulatedReadings } from './simulated-readers.js';
import { DEMO_CLASSES, DEMO_SITES, IMAGE_SIZE, writeSiteImages } from './synthetic-lesions.js';

export interface DemoOptions {
  rounds: number;
  imagesPerSite: number;
  keep: boolean;
  /** Minimum gain in validation accuracy of the final model over round 1's model. */
  minGain: number;
  /**
   * Two readers per case at every hospital; the last hospital's primary reader misses malignancies on this share of
   * cases (the others' err on 5 %), and the run gates on qualityGate.minKappa 0.6. Absent: one label per case.
   */
  readerDisagreement?: number;
}

/** The minimum κ the demo's run asks for when its hospitals have two readers. */
const DEMO_MIN_KAPPA = 0.6;

/** The demo's model: a small CNN for 32×32 grey lesions, written as a Keras layers topology. */
export function demoRunSpec(rounds: number, gated = false): Record<string, unknown> {
  return {
    ...(gated ? { qualityGate: { minKappa: DEMO_MIN_KAPPA }, minSites: DEMO_SITES.length - 1 } : {}),
    name: 'demo: benign vs malignant lesions across three scanners',
    classes: DEMO_CLASSES,
    rounds,
    localEpochs: 2,
    batchSize: 16,
    optimizer: { name: 'adam', learningRate: 0.003 },
    loss: 'categoricalCrossentropy',
    sites: DEMO_SITES.map((s) => s.id),
    roundDeadlineSeconds: 120,
    siteWaitSeconds: 60,
    seed: 42,
    model: {
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'Conv2D', config: { input_shape: [IMAGE_SIZE, IMAGE_SIZE, 1], filters: 8, kernel_size: [3, 3], padding: 'same', activation: 'relu' } },
          { class_name: 'MaxPooling2D', config: { pool_size: [2, 2] } },
          { class_name: 'Conv2D', config: { filters: 16, kernel_size: [3, 3], padding: 'same', activation: 'relu' } },
          { class_name: 'MaxPooling2D', config: { pool_size: [2, 2] } },
          { class_name: 'Flatten', config: {} },
          { class_name: 'Dense', config: { units: 32, activation: 'relu' } },
          { class_name: 'Dense', config: { units: DEMO_CLASSES.length, activation: 'softmax' } },
        ],
      },
    },
  };
}

const cliPath = fileURLToPath(new URL('../main.js', import.meta.url));

/** A site agent as its own process; its log goes to agent.log in the site's folder, so the demo's own view stays readable. */
function startAgent(configFile: string, logFile: string): ChildProcess {
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [cliPath, 'site', 'start', '--config', configFile], { stdio: ['ignore', log, log], env: process.env });
  closeSync(log);
  return child;
}

/** What the demo's numbers mean, printed after its table. */
function explain(root: string, keep: boolean): string {
  const c = DEMO_SITES.find((s) => s.id === 'hospital-c')!.signature;
  return [
    'What the numbers mean:',
    '  - "after round 0" is the untrained initial model; "after round N" is the global model that round N produced, each measured',
    "    on every hospital's held-out samples and weighted by their number. Two classes: about 50 % is chance.",
    '  - Per site, "global val acc" is the model the site received at the start of the round, before it trained; "local val acc"',
    '    is its own model after local training, before averaging. Counts are coarsened to multiples of the privacy cell size.',
    `  - hospital-c lags because its data differs most: its scanner (gain ${c.gain}, offset +${c.offset}, blur ${c.blur}) and its case mix`,
    `    (${c.malignantFraction * 100} % malignant). FedAvg fits the average hospital; \`npm run experiment -- fedbn\` compares FedBN, which keeps`,
    '    batch normalization per site.',
    '  - AUROC, sensitivity and specificity are of "malignant", with 95 % intervals (DeLong, Wilson); pooled figures come from',
    "    the hospitals' guarded score histograms and counts, AUROC with the most its binning can move it. A pooled AUROC below",
    "    each hospital's own says the model ranks cases well within a hospital but its scores shift between them.",
    `  - Each agent's log is ${path.join(root, '<hospital>', 'agent.log')}, the coordinator's ${path.join(root, 'coordinator.log')} (JSON lines)${keep ? '.' : '; run with --keep to keep that folder.'}`,
  ].join('\n');
}

/** The series operators watch first, one line each, from a Prometheus text exposition. */
const SUMMARY_SERIES =
  /^(consilium_rounds_(opened|closed)_total|consilium_updates_total|consilium_(received|sent)_bytes_total|consilium_sites_online|consilium_upload_sessions_in_flight|consilium_aggregation_seconds_(count|sum)|consilium_db_transaction_seconds_count|consilium_audit_chain_length|nodejs_eventloop_lag_p99_seconds)[{ ]/;

function metricsSummary(text: string): string {
  return text
    .split('\n')
    .filter((line) => SUMMARY_SERIES.test(line))
    .map((line) => `  ${line}`)
    .join('\n');
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The whole system on one machine: synthetic multi-site data, a coordinator
 * on SQLite in a temporary folder, three site agents as separate processes
 * over gRPC on 127.0.0.1, and a FedAvg run. Returns the process exit code.
 */
export async function runDemo(options: DemoOptions): Promise<number> {
  const started = Date.now();
  const root = await mkdtemp(path.join(tmpdir(), 'consilium-demo-'));
  const agents: ChildProcess[] = [];
  console.log(`Consilium demo in ${root}`);
  const config = loadCoordinatorConfig(undefined, {}, { httpPort: 0, grpcPort: 0, stateDir: path.join(root, 'coordinator') });
  const init = await initCoordinator(config);
  console.log(`coordinator init: federation CA ${init.caSha256.slice(0, 16)}…, first admin token issued`);
  // The coordinator's log as operations collect it: JSON lines in a file (README, "Operations").
  const coordinatorLog = path.join(root, 'coordinator.log');
  const coordinator = await startCoordinator(config, {
    log: createLog('coordinator', { destination: pino.destination({ dest: coordinatorLog, sync: true }) }),
  });
  try {
    console.log(`coordinator: REST ${coordinator.httpUrl}, gRPC over mutual TLS ${coordinator.grpcAddress} (SQLite in ${path.join(root, 'coordinator')})`);
    const admin = new RestClient(coordinator.httpUrl, { token: init.adminToken });
    const tokenFor = async (name: string, role: string): Promise<RestClient> =>
      new RestClient(coordinator.httpUrl, { token: (await admin.request<{ token: string }>('POST', '/api/tokens', { json: { name, role } })).token });
    const rest = await tokenFor('demo-researcher', 'researcher');
    const auditor = await tokenFor('demo-auditor', 'auditor');
    const monitor = await tokenFor('demo-prometheus', 'monitor');
    const configFiles = new Map<string, string>();
    for (const [i, site] of DEMO_SITES.entries()) {
      const counts = await writeSiteImages(path.join(root, site.id, 'images'), options.imagesPerSite, site.signature, 1000 + i);
      const s = site.signature;
      console.log(
        `${site.id}: ${counts.benign} benign + ${counts.malignant} malignant images; scanner gain ${s.gain}, offset ${s.offset}, noise ${s.noise}, blur ${s.blur}`,
      );
      await admin.request('POST', '/api/sites', { json: { id: site.id, name: `Demo ${site.id}` } });
      const { token } = await admin.request<{ token: string }>('POST', `/api/sites/${site.id}/enrolment-tokens`, { json: { ttlHours: 1 } });
      const configFile = path.join(root, site.id, 'site.yaml');
      configFiles.set(site.id, configFile);
      // Each hospital's policy: small CNNs only, and nothing trains before hospital IT approves the spec.
      await writeFile(
        path.join(root, site.id, 'policy.yaml'),
        toYaml({ allowedLayers: ['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense'], maxParameters: 1_000_000, maxLocalEpochs: 10, requireApproval: true }),
      );
      await writeFile(
        configFile,
        toYaml({
          siteId: site.id,
          coordinator: coordinator.grpcAddress,
          stateDir: './state',
          policy: './policy.yaml',
          data: { kind: 'image-folder', path: './images' },
          validationFraction: 0.25,
          ...(options.readerDisagreement === undefined ? {} : { readers: { file: './readers.csv', consensus: { adjudicator: PRIMARY_READER } } }),
        }),
      );
      if (options.readerDisagreement !== undefined) {
        const last = i === DEMO_SITES.length - 1;
        const rate = last ? options.readerDisagreement : 0.05;
        const { samples } = await new ImageFolderSource(path.join(root, site.id, 'images')).scan();
        const readings = simulatedReadings(new Map(samples.map((s) => [s.id, s.label])), DEMO_CLASSES, rate, 77 + i, last ? 'benign' : undefined);
        await writeFile(path.join(root, site.id, 'readers.csv'), readerCsv(readings));
        console.log(`  two readers per case; the primary reader ${last ? 'misses malignancies' : 'errs'} on ${(rate * 100).toFixed(0)} % of cases`);
      }
      console.log(`  ${await siteEnrol(configFile, coordinator.httpUrl, token)}`);
      agents.push(startAgent(configFile, path.join(root, site.id, 'agent.log')));
    }

    const gated = options.readerDisagreement !== undefined;
    const { id, specSha256 } = await rest.request<{ id: string; specSha256: string }>('POST', '/api/runs', {
      yaml: toYaml(demoRunSpec(options.rounds, gated)),
    });
    console.log(`run ${id} created: ${options.rounds} rounds of FedAvg on a small CNN; spec sha256 ${specSha256}`);
    // Hospital IT at each site reviews the offered spec and approves its hash, as `consilium site approve` does.
    await waitForConsents(rest, id, 'awaiting-approval', DEMO_SITES.length);
    for (const [siteId, configFile] of configFiles) console.log(`  ${siteId}: ${await siteApprove(configFile, specSha256)}`);
    // The same view as `consilium run watch` off a terminal: one line per change.
    const printed = new Set<string>();
    let details: RunDetails;
    for (;;) {
      details = await rest.request<RunDetails>('GET', `/api/runs/${id}`);
      for (const line of progressLines(details)) if (!printed.has(line) && printed.add(line)) console.log(`  ${line}`);
      if (['completed', 'failed', 'cancelled'].includes(details.run.status)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    console.log('\n' + renderRun(details) + '\n\n' + explain(root, options.keep) + '\n');
    if (gated) {
      const quality = await rest.request<{ sites: { siteId: string; agreement: { statistic: string; value: number } | null; flags: string[] }[] }>(
        'GET',
        `/api/runs/${id}/data-quality`,
      );
      for (const site of quality.sites) {
        const flag = site.flags.find((f) => f.startsWith('reader agreement'));
        console.log(
          `reader agreement at ${site.siteId}: ${site.agreement ? `${site.agreement.statistic} ${site.agreement.value.toFixed(3)}` : 'withheld'}${flag ? ` (flagged: ${flag})` : ''}`,
        );
      }
      for (const e of details.run.exclusions ?? []) console.log(`excluded by the quality gate: ${e.siteId}: ${e.reason}`);
    }
    if (details.run.status !== 'completed') {
      console.error(`demo failed: run ${details.run.status}: ${details.run.error}`);
      return 1;
    }
    const accuracyAfter = (round: number): number => details.models.find((m) => m.round === round)?.evaluation?.['val_accuracy'] ?? NaN;
    const first = accuracyAfter(1);
    const last = accuracyAfter(options.rounds);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `summary: validation accuracy ${(accuracyAfter(0) * 100).toFixed(1)}% (initial) → ${(first * 100).toFixed(1)}% (after round 1) → ${(last * 100).toFixed(1)}% (after round ${options.rounds}); ${seconds} s`,
    );
    // The final model as a study reports it: pooled and per-site figures with intervals, and the offline HTML report.
    const final = details.rounds.find((r) => r.kind === 'evaluate')?.metrics ?? {};
    if (final['val_auroc_1'] !== undefined) {
      console.log(
        `final model, pooled over the hospitals:${clinicalText(final)}; per hospital: ${details.rounds
          .find((r) => r.kind === 'evaluate')!
          .tasks.map((t) => `${t.siteId} AUROC ${t.update?.metrics['val_auroc_1']?.toFixed(3) ?? '-'}`)
          .join(', ')}`,
      );
    }
    const report = path.join(root, 'report.html');
    await writeFile(report, await rest.request<string>('POST', `/api/runs/${id}/report`));
    console.log(`study report: ${report}${options.keep ? '' : ' (the folder is removed at exit: run with --keep to open it)'}`);
    const audit = await auditor.request<{ ok: boolean; events?: number; checkpoints?: number; seq?: number; reason?: string }>('GET', '/api/audit/verify');
    console.log(
      audit.ok
        ? `audit chain verified: ${audit.events} events, ${audit.checkpoints} signed checkpoints`
        : `audit chain BROKEN at event ${audit.seq}: ${audit.reason}`,
    );
    if (!audit.ok) return 1;
    // What Prometheus would scrape now, and what the log file holds.
    console.log(`metrics (GET /metrics as a monitor token):\n${metricsSummary(await monitor.request<string>('GET', '/metrics'))}`);
    const lines = (await readFile(coordinatorLog, 'utf8')).split('\n').filter(Boolean);
    const json = lines.filter((line) => isJsonObject(line)).length;
    console.log(`coordinator log: ${lines.length} lines, ${json} of them JSON objects (${coordinatorLog})`);
    if (json !== lines.length) {
      console.error(`demo failed: ${lines.length - json} lines of the coordinator's log are not JSON`);
      return 1;
    }
    if (!(last >= first + options.minGain)) {
      console.error(`demo failed: accuracy after the last round (${(last * 100).toFixed(1)}%) is not clearly above round 1's (${(first * 100).toFixed(1)}%)`);
      return 1;
    }
    return 0;
  } finally {
    for (const agent of agents) agent.kill('SIGTERM');
    await Promise.all(agents.map((a) => new Promise((resolve) => (a.exitCode !== null ? resolve(null) : a.once('exit', resolve)))));
    await coordinator.close();
    if (!options.keep) await rm(root, { recursive: true, force: true });
    else console.log(`kept ${root}`);
  }
}

/** Waits until `count` sites told the coordinator `state` about the run. */
async function waitForConsents(rest: RestClient, runId: string, state: string, count: number): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const details = await rest.request<RunDetails>('GET', `/api/runs/${runId}`);
    if (details.consents.filter((c) => c.state === state).length >= count) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sites did not report ${state} for run ${runId} within 60 s`);
}
