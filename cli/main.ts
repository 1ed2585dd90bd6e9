#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { Command, InvalidArgumentError } from 'commander';

import { ConsiliumError, describeError } from '../common/errors.js';
import { RestClient, restOptionsFrom } from '../common/rest-client.js';
import { CONSILIUM_VERSION } from '../common/version.js';
import { CROSS_SITE_METRICS, type CrossSiteMatrix } from '../coordinator/domain/cross-site-matrix.js';
import type { SiteMappings } from '../coordinator/domain/label-mappings.js';
import type { RunDetails } from '../coordinator/services/run.service.js';
import { renderRun } from './run-view.js';
import { crossSiteTable, initialModelsTable, labelMappingsTable, progressLines, runsTable, sitesTable, table, tokensTable } from './tables.js';

const program = new Command('consilium')
  .description('Federated multi-centre training for medical imaging')
  .version(CONSILIUM_VERSION, '-V, --version')
  // The program's own options (--version) only before a command: `run download --version 3` is the command's option.
  .enablePositionalOptions()
  .showHelpAfterError();
const defaultUrl = process.env['CONSILIUM_URL'] ?? 'http://127.0.0.1:8080';
const integer = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a non-negative integer');
  return n;
};
const urlOption = ['--coordinator-url <url>', 'coordinator REST URL (env CONSILIUM_URL)', defaultUrl] as const;
const tokenOption = ['--api-token <token>', 'API token (env CONSILIUM_TOKEN)'] as const;
const caOption = ['--ca-file <pem>', 'extra CA to trust for HTTPS, e.g. the federation CA (env CONSILIUM_CA_FILE)'] as const;
type RestOpts = { coordinatorUrl: string; apiToken?: string; caFile?: string };
/** The options every command that calls the REST API takes: where, as whom, trusting which CA. */
const withRest = (command: Command): Command =>
  command
    .option(...urlOption)
    .option(...tokenOption)
    .option(...caOption);
const rest = (opts: RestOpts): RestClient => new RestClient(opts.coordinatorUrl, restOptionsFrom(opts));
const print = (value: unknown): void => console.log(JSON.stringify(value, null, 2));
/** A command that lists what a GET returns under `key`: a table for people, the API response with --json for scripts. */
const listing = <T>(command: Command, description: string, route: string, key: string, render: (rows: T[]) => string): Command =>
  withRest(command)
    .description(description)
    .option('--json', 'the API response, for scripts')
    .action(async (opts: RestOpts & { json?: boolean }) => {
      const response = await rest(opts).request<Record<string, T[]>>('GET', route);
      if (opts.json) print({ [key]: response[key] });
      else console.log(render(response[key] ?? []));
    });

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
    const { loadCoordinatorConfig } = await import('../coordinator/config/coordinator-config.js');
    const config = loadCoordinatorConfig(opts.config, process.env, {
      host: opts.host,
      httpPort: opts.httpPort,
      grpcPort: opts.grpcPort,
      stateDir: opts.stateDir,
    });
    const { createLog } = await import('../common/log.js');
    // Every line the process writes is the logger's: JSON lines off a terminal, so a log file parses line by line.
    const log = createLog('coordinator');
    const running = await startCoordinator(config, { log });
    log.info(
      `coordinator ready: REST ${running.httpUrl}, gRPC ${running.grpcAddress}, database ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.stateDir}`}`,
    );
    // Graceful stop: no new rounds, in-flight writes finished, agents told "coordinator shutting down" (they reconnect with backoff), exit 0.
    const stop = (signal: string): void => {
      log.info(`${signal}: shutting down`);
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error(`error while shutting down: ${describeError(error)}`);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });

coordinator
  .command('init')
  .description('create the federation CA and the audit signing key (each kept if present), the database schema and the first admin token, printed once')
  .option('--config <file>', 'YAML config file')
  .option('--state-dir <dir>', 'database and blob folder (env CONSILIUM_STATE_DIR)')
  .action(async (opts: { config?: string; stateDir?: string }) => {
    const { initCoordinator } = await import('../coordinator/init.js');
    const { loadCoordinatorConfig } = await import('../coordinator/config/coordinator-config.js');
    const config = loadCoordinatorConfig(opts.config, process.env, { stateDir: opts.stateDir });
    const done = await initCoordinator(config);
    console.log(`federation CA ${done.caCreated ? 'created' : 'kept'}: ${done.caFile} (sha256 ${done.caSha256})`);
    console.log(`audit signing key: ${done.signingKeyFile} (key id ${done.signingKeyId})`);
    console.log(`first admin token (shown once; store it in a password manager):\n${done.adminToken}`);
  });

const ca = program.command('ca').description('the federation certificate authority');
ca.command('init')
  .description('create the federation CA (ECDSA P-256) in the state folder, unless one exists')
  .option('--state-dir <dir>', 'coordinator state folder (env CONSILIUM_STATE_DIR)')
  .action(async (opts: { stateDir?: string }) => {
    const { PkiStore } = await import('../coordinator/persistence/pki-store.js');
    const { loadCoordinatorConfig } = await import('../coordinator/config/coordinator-config.js');
    const config = loadCoordinatorConfig(undefined, process.env, { stateDir: opts.stateDir });
    const { created, store } = await PkiStore.init(config.stateDir);
    console.log(`federation CA ${created ? 'created' : 'already present'}: ${store.caFile} (sha256 ${store.caSha256})`);
  });

const token = program.command('token').description('API tokens for the REST API (admin)');
withRest(token.command('create'))
  .description('a bearer token with one role; the secret is printed once')
  .requiredOption('--name <name>', 'who holds it, e.g. alice')
  .requiredOption('--role <role>', 'admin, researcher, auditor or monitor (/metrics only)')
  .action(async (opts: RestOpts & { name: string; role: string }) =>
    print(await rest(opts).request('POST', '/api/tokens', { json: { name: opts.name, role: opts.role } })),
  );
listing(token.command('list'), 'every token: name, role, when created, last used and revoked (never the secret)', '/api/tokens', 'tokens', tokensTable);
withRest(token.command('revoke'))
  .argument('<id>', 'token id (from token list)')
  .action(async (id: string, opts: RestOpts) => print(await rest(opts).request('DELETE', `/api/tokens/${encodeURIComponent(id)}`)));

const federation = program.command('federation').description("the federation's sites (admin)");
withRest(federation.command('add-site'))
  .description('register a site and print its first one-time enrolment token')
  .argument('<id>', 'site id, e.g. hospital-a')
  .option('--name <name>', 'display name')
  .option('--ttl-hours <hours>', 'hours the token stays valid', integer, 24)
  .action(async (id: string, opts: RestOpts & { name?: string; ttlHours: number }) => {
    const client = rest(opts);
    await client.request('POST', '/api/sites', { json: { id, ...(opts.name ? { name: opts.name } : {}) } });
    print(await client.request('POST', `/api/sites/${encodeURIComponent(id)}/enrolment-tokens`, { json: { ttlHours: opts.ttlHours } }));
  });
withRest(federation.command('token'))
  .description('a new one-time enrolment token for a registered site (a new machine, a lost key, after revocation)')
  .argument('<id>', 'site id')
  .option('--ttl-hours <hours>', 'hours the token stays valid', integer, 24)
  .action(async (id: string, opts: RestOpts & { ttlHours: number }) =>
    print(await rest(opts).request('POST', `/api/sites/${encodeURIComponent(id)}/enrolment-tokens`, { json: { ttlHours: opts.ttlHours } })),
  );
withRest(federation.command('revoke-site'))
  .description('revoke every certificate of a site and close its connection')
  .argument('<id>', 'site id')
  .action(async (id: string, opts: RestOpts) => print(await rest(opts).request('POST', `/api/sites/${encodeURIComponent(id)}/revoke`)));
listing(federation.command('sites'), 'sites with online state, data, backend and certificate expiry', '/api/sites', 'sites', sitesTable);

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
  .command('install-service')
  .description('install the agent as a sandboxed systemd service for this config: its user, its state folder, the unit')
  .requiredOption('--config <file>', 'site YAML config')
  .option('--user <name>', 'the system user the agent runs as', 'consilium')
  .option('--unit-dir <dir>', 'where the unit file goes', '/etc/systemd/system')
  .option('--name <name>', 'the service name', 'consilium-site')
  .option('--gpu', 'keep /dev visible for the NVIDIA devices (see deploy/gpu-site)')
  .option('--no-create-user', 'fail instead of making the user when it does not exist')
  .option('--print', 'print the unit and change nothing')
  .action(async (opts: { config: string; user: string; unitDir: string; name: string; gpu?: boolean; createUser: boolean; print?: boolean }) => {
    const { installService, serviceUnit } = await import('../site-agent/service/install-service.js');
    const options = { ...opts, gpu: opts.gpu ?? false, cli: fileURLToPath(import.meta.url), node: process.execPath };
    console.log(opts.print ? serviceUnit(options) : installService(options).text);
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
  .command('review')
  .description("the cases this site's readers disagree on (no consensus first, then those a rule decided), for adjudication; local only")
  .requiredOption('--config <file>', 'site YAML config (with readers:)')
  .option('--json', 'print as JSON')
  .action(async (opts: { config: string; json?: boolean }) => {
    const { siteReview } = await import('../site-agent/main.js');
    const review = await siteReview(opts.config);
    console.log(opts.json ? JSON.stringify(review, null, 2) : review.text);
  });
site
  .command('suggest-labels')
  .description("mappings of this site's unmapped labels to an offered run's classes (by name, synonym, code, spelling); prints, never writes")
  .requiredOption('--config <file>', 'site YAML config')
  .requiredOption('--run <id>', 'a run offered to this site')
  .option('--json', 'print as JSON')
  .action(async (opts: { config: string; run: string; json?: boolean }) => {
    const { siteSuggestLabels } = await import('../site-agent/main.js');
    const { suggestions, text } = await siteSuggestLabels(opts.config, opts.run);
    console.log(opts.json ? JSON.stringify(suggestions, null, 2) : text);
  });
site
  .command('pre-annotate')
  .description('runs a global model this site received on its unlabelled cases and writes a review worklist, most uncertain first; local only')
  .requiredOption('--config <file>', 'site YAML config')
  .requiredOption('--run <id>', 'the run whose model to use')
  .option('--version <id>', 'a model version id or SHA-256 prefix (default: the newest this site received, the final model once the run ended)')
  .option('--out <file>', 'where to write the worklist CSV (default: <stateDir>/worklists/<run>-<sha256>.csv)')
  .option('--json', 'print the worklist as JSON')
  .action(async (opts: { config: string; run: string; version?: string; out?: string; json?: boolean }) => {
    const { sitePreAnnotate } = await import('../site-agent/annotation/annotation-commands.js');
    const result = await sitePreAnnotate(opts.config, opts.run, { ...(opts.version ? { version: opts.version } : {}), ...(opts.out ? { out: opts.out } : {}) });
    console.log(opts.json ? JSON.stringify(result.rows, null, 2) : result.text);
  });
site
  .command('import-labels')
  .description('reads back a pre-annotation worklist the readers filled in: labels recorded as model-assisted, reviewed, changed or not')
  .requiredOption('--config <file>', 'site YAML config')
  .requiredOption('--file <csv>', 'the worklist with its label (and reader) columns filled')
  .option('--accept-unreviewed', "take the model's class for rows the readers left empty, marked unreviewed (a run may refuse those)")
  .option('--json', 'print the summary as JSON')
  .action(async (opts: { config: string; file: string; acceptUnreviewed?: boolean; json?: boolean }) => {
    const { siteImportLabels } = await import('../site-agent/annotation/annotation-commands.js');
    const { summary, text } = await siteImportLabels(opts.config, opts.file, { acceptUnreviewed: opts.acceptUnreviewed === true });
    console.log(opts.json ? JSON.stringify(summary, null, 2) : text);
  });
site
  .command('screen-labels')
  .description('lists the labelled cases a global model contradicts with confidence, for re-reading; only the counts enter the profile')
  .requiredOption('--config <file>', 'site YAML config')
  .requiredOption('--run <id>', 'the run whose model to use')
  .option('--version <id>', 'a model version id or SHA-256 prefix (default: the newest this site received)')
  .option('--min-probability <p>', "the model's probability for its own class at which a disagreement is listed", parseFloat, 0.9)
  .option('--out <file>', 'also write the list as CSV')
  .option('--json', 'print as JSON')
  .action(async (opts: { config: string; run: string; version?: string; minProbability: number; out?: string; json?: boolean }) => {
    const { siteScreenLabels } = await import('../site-agent/annotation/label-screening.js');
    const result = await siteScreenLabels(opts.config, opts.run, {
      minProbability: opts.minProbability,
      ...(opts.version ? { version: opts.version } : {}),
      ...(opts.out ? { out: opts.out } : {}),
    });
    console.log(opts.json ? JSON.stringify({ screened: result.screened, cases: result.cases }, null, 2) : result.text);
  });
site
  .command('privacy')
  .description("the site's privacy ledger: per dataset version, each run's noised updates and the ε they spent, against the policy's budget")
  .requiredOption('--config <file>', 'site YAML config')
  .option('--json', 'print the ledger as JSON')
  .action(async (opts: { config: string; json?: boolean }) => {
    const { sitePrivacy } = await import('../site-agent/main.js');
    const { entries, text } = sitePrivacy(opts.config);
    console.log(opts.json ? JSON.stringify(entries, null, 2) : text);
  });
withRest(site.command('verify-receipts'))
  .description("check this site's log of sent updates against the coordinator: receipt signatures, sent bytes, audit events")
  .requiredOption('--config <file>', 'site YAML config')
  .action(async (opts: RestOpts & { config: string }) => {
    const { verifySiteReceipts } = await import('./audit-commands.js');
    const { ok, text } = await verifySiteReceipts(opts.config, rest(opts));
    console.log(text);
    if (!ok) process.exitCode = 1;
  });
site
  .command('enroll')
  .alias('enrol')
  .description("make this site's key (it never leaves), send a CSR with the one-time token, store the certificate (0600)")
  .requiredOption('--config <file>', 'site YAML config')
  .requiredOption('--coordinator <url>', "the coordinator's REST URL")
  .requiredOption('--token <token>', 'the enrolment token from the administrator')
  .action(async (opts: { config: string; coordinator: string; token: string }) => {
    const { siteEnrol } = await import('../site-agent/main.js');
    console.log(await siteEnrol(opts.config, opts.coordinator, opts.token));
  });
site
  .command('renew')
  .description("renew this site's certificate now with a new key (the agent also renews by itself when less than 20 % of the lifetime is left)")
  .requiredOption('--config <file>', 'site YAML config')
  .action(async (opts: { config: string }) => {
    const { siteRenew } = await import('../site-agent/main.js');
    console.log(await siteRenew(opts.config));
  });
site
  .command('runs')
  .description('runs offered to this site: spec hash, approval, and a diff against the last spec approved')
  .requiredOption('--config <file>', 'site YAML config')
  .action(async (opts: { config: string }) => {
    const { siteRuns } = await import('../site-agent/main.js');
    console.log(siteRuns(opts.config));
  });
site
  .command('approve')
  .description('approve a run spec by its hash (or a unique prefix of 8+ hex digits)')
  .argument('<hash>', 'spec hash from `consilium site runs`')
  .requiredOption('--config <file>', 'site YAML config')
  .action(async (hash: string, opts: { config: string }) => {
    const { siteApprove } = await import('../site-agent/main.js');
    console.log(await siteApprove(opts.config, hash));
  });
site
  .command('revoke')
  .description('withdraw the approval of a run spec; the agent refuses its tasks from then on')
  .argument('<hash>', 'spec hash')
  .requiredOption('--config <file>', 'site YAML config')
  .action(async (hash: string, opts: { config: string }) => {
    const { siteRevokeApproval } = await import('../site-agent/main.js');
    console.log(await siteRevokeApproval(opts.config, hash));
  });

const run = program.command('run').description('training runs');
withRest(run.command('create'))
  .description('submit a run spec (YAML or JSON)')
  .requiredOption('--spec <file>', 'run spec file')
  .action(async (opts: RestOpts & { spec: string }) => {
    const text = await readFile(opts.spec, 'utf8');
    const created = await rest(opts).request<{ id: string; specSha256: string; model: { summary: string } }>('POST', '/api/runs', { yaml: text });
    console.log(`run ${created.id} created (spec sha256 ${created.specSha256})\nmodel: ${created.model.summary}`);
  });
listing(run.command('list'), 'every run: status, rounds done, when created', '/api/runs', 'runs', runsTable);
withRest(run.command('status'))
  .description("a run's rounds, per-site progress and metrics, once")
  .argument('<id>', 'run id')
  .option('--json', 'the API response, for scripts')
  .action(async (id: string, opts: RestOpts & { json?: boolean }) => {
    const details = await rest(opts).request<RunDetails>('GET', `/api/runs/${id}`);
    if (opts.json) print(details);
    else console.log(renderRun(details));
  });
withRest(run.command('label-mappings'))
  .description("which local label terms each site merged into each of the run's classes (sites that share them)")
  .argument('<id>', 'run id')
  .option('--json', 'the API response, for scripts')
  .action(async (id: string, opts: RestOpts & { json?: boolean }) => {
    const matrix = await rest(opts).request<{ classes: string[]; sites: SiteMappings[] }>('GET', `/api/runs/${encodeURIComponent(id)}/label-mappings`);
    if (opts.json) print(matrix);
    else console.log(labelMappingsTable(matrix));
  });
withRest(run.command('watch'))
  .description('progress per round and per site until the run ends: a live view on a terminal, one line per change otherwise')
  .argument('<id>', 'run id')
  .option('--interval <ms>', 'refresh interval', integer, 1000)
  .action(async (id: string, opts: RestOpts & { interval: number }) => {
    const client = rest(opts);
    const live = process.stdout.isTTY;
    const printed = new Set<string>();
    for (;;) {
      const details = await client.request<RunDetails>('GET', `/api/runs/${id}`);
      if (live) process.stdout.write('\x1b[2J\x1b[H' + renderRun(details) + '\n');
      else for (const line of progressLines(details)) if (!printed.has(line) && printed.add(line)) console.log(line);
      if (['completed', 'failed', 'cancelled'].includes(details.run.status)) {
        process.exitCode = details.run.status === 'completed' ? 0 : 1;
        return;
      }
      await new Promise((r) => setTimeout(r, opts.interval));
    }
  });
withRest(run.command('download'))
  .description("save a run's global model as a tfjs layers model (model.json + weights): the latest, the best, or a round's")
  .argument('<id>', 'run id')
  .requiredOption('--out <dir>', 'output folder')
  .option('--best', "the best version by the spec's selection metric")
  .option('--version <round>', 'the version round N made (0: the initial model)', integer)
  .action(async (id: string, opts: RestOpts & { out: string; best?: boolean; version?: number }) => {
    if (opts.best && opts.version !== undefined) throw new ConsiliumError('INVALID_ARGUMENT', 'give --best or --version, not both');
    const { downloadModel } = await import('./model-download.js');
    console.log(await downloadModel(rest(opts), { runId: id, version: opts.best ? 'best' : (opts.version ?? 'latest') }, opts.out));
  });

withRest(run.command('report'))
  .description(
    'write the run as a self-contained HTML study report: figures per site and pooled with intervals, curves, ROC, calibration, quality, lineage, audit checkpoint',
  )
  .argument('<id>', 'run id')
  .requiredOption('--out <file>', 'the HTML file to write')
  .action(async (id: string, opts: RestOpts & { out: string }) => {
    const html = await rest(opts).request<Buffer | string>('POST', `/api/runs/${id}/report`);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(opts.out, html);
    console.log(`wrote ${opts.out} (${Buffer.byteLength(html)} bytes); it opens offline in any browser`);
  });

withRest(run.command('cross-site'))
  .description(
    "a personalised run's cross-site matrix (FedBN with crossSite): each site's own model evaluated on every site's validation data; --start begins it",
  )
  .argument('<id>', 'run id')
  .option('--start', 'start one evaluation job per shared personalised model (sites consent as to any evaluation)')
  .option('--sites <ids>', "with --start: the evaluating sites, comma-separated (default: the run's last round's)", (v: string) => v.split(',').filter(Boolean))
  .option('--wait', 'poll until every evaluation job has ended')
  .option('--metric <name>', `the figure shown (default: the first reported of ${CROSS_SITE_METRICS.join(', ')})`)
  .option('--json', 'the API response, for scripts')
  .action(async (id: string, opts: RestOpts & { start?: boolean; sites?: string[]; wait?: boolean; metric?: string; json?: boolean }) => {
    const client = rest(opts);
    if (opts.start) {
      const { jobs } = await client.request<{ jobs: { id: string; name: string }[] }>('POST', `/api/runs/${id}/cross-site`, {
        json: opts.sites ? { sites: opts.sites } : {},
      });
      for (const job of jobs) console.error(`evaluation ${job.id} started: ${job.name}`);
    }
    let matrix = await client.request<CrossSiteMatrix>('GET', `/api/runs/${id}/cross-site`);
    while (opts.wait && matrix.models.some((m) => m.status === 'pending' || m.status === 'running')) {
      await new Promise((r) => setTimeout(r, 1000));
      matrix = await client.request<CrossSiteMatrix>('GET', `/api/runs/${id}/cross-site`);
    }
    if (opts.json) return print(matrix);
    const { metric, text } = crossSiteTable(matrix, opts.metric);
    console.log(`${metric ?? 'no figure reported yet'}, by personalised model (rows) and evaluating site (columns)\n${text}`);
  });

const evaluation = program.command('eval').description('evaluate a model at sites without training');
withRest(evaluation.command('create'))
  .description('evaluate a model version (of any run) or an uploaded model on the chosen sites; sites consent as to a run, report only guarded figures')
  .requiredOption('--model <id>', 'a model version id (run status lists them) or an uploaded model id (model list)')
  .requiredOption('--sites <ids>', 'comma-separated site ids', (v: string) => v.split(',').filter(Boolean))
  .option('--classes <names>', "class names in output order (required for an uploaded model; a run's version brings its run's)", (v: string) =>
    v.split(',').filter(Boolean),
  )
  .option('--name <name>', 'a name for the evaluation')
  .option('--min-sites <n>', 'reports needed (default: every listed site)', integer)
  .action(async (opts: RestOpts & { model: string; sites: string[]; classes?: string[]; name?: string; minSites?: number }) => {
    const { model, sites, classes, name, minSites } = opts;
    const created = await rest(opts).request<{ id: string; specSha256: string }>('POST', '/api/evaluations', {
      json: { model, sites, ...(classes ? { classes } : {}), ...(name ? { name } : {}), ...(minSites ? { minSites } : {}) },
    });
    console.log(
      `evaluation ${created.id} created (spec ${created.specSha256.slice(0, 12)}); follow it with: consilium run watch ${created.id}, then consilium run report ${created.id} --out report.html`,
    );
  });

const model = program.command('model').description('starting points for runs: pretrained models');
withRest(model.command('upload'))
  .description('upload a tfjs layers model (model.json and its weight files) to start runs from')
  .argument('<dir>', 'folder with model.json and the weight files it names')
  .requiredOption('--name <name>', 'a name researchers will recognise')
  .requiredOption('--origin <text>', 'where the model comes from and how it was converted (kept in the audit trail and the lineage)')
  .action(async (dir: string, opts: RestOpts & { name: string; origin: string }) => {
    const { uploadModel } = await import('./model-upload.js');
    console.log(await uploadModel(rest(opts), dir, opts.name, opts.origin));
  });
listing(model.command('list'), 'uploaded models: id, name, parameters, weights sha256', '/api/models', 'models', initialModelsTable);
withRest(model.command('download'))
  .description('save any model version of any run, by its id (run status lists them), as a tfjs layers model')
  .argument('<id>', 'model version id')
  .requiredOption('--out <dir>', 'output folder')
  .action(async (id: string, opts: RestOpts & { out: string }) => {
    const { downloadModel } = await import('./model-download.js');
    console.log(await downloadModel(rest(opts), { modelVersionId: id }, opts.out));
  });

program
  .command('demo')
  .description('a 3-hospital federation on this machine: synthetic data, coordinator, 3 agents over gRPC, FedAvg')
  .option('--rounds <n>', 'training rounds', integer, 5)
  .option('--images <n>', 'images per site', integer, 240)
  .option('--keep', "keep the temporary folder: each hospital's images, state and agent.log, the coordinator's database", false)
  .option(
    '--reader-disagreement <rate>',
    "two readers per case; the last hospital's primary reader misses malignancies on this share of cases, and the run gates on qualityGate.minKappa 0.6",
    parseFloat,
  )
  .action(async (opts: { rounds: number; images: number; keep: boolean; readerDisagreement?: number }) => {
    const { runDemo } = await import('./demo/demo.js');
    process.exitCode = await runDemo({
      rounds: opts.rounds,
      imagesPerSite: opts.images,
      keep: opts.keep,
      minGain: 0.05,
      ...(opts.readerDisagreement === undefined ? {} : { readerDisagreement: opts.readerDisagreement }),
    });
  });

withRest(run.command('cancel'))
  .description('stop a pending or running run; sites drop its tasks')
  .argument('<id>', 'run id')
  .action(async (id: string, opts: RestOpts) => print(await rest(opts).request('POST', `/api/runs/${id}/cancel`)));

const audit = program.command('audit').description('the tamper-evident audit chain');
withRest(audit.command('verify'))
  .description('recompute every hash, link and checkpoint signature; names the first broken event')
  .option('--file <jsonl>', "verify an exported file offline instead (needs --key): a whole chain as a chain, a run's export as a slice")
  .option('--key <pem>', "the coordinator's public key as PEM (consilium audit key --out key.pem)")
  .action(async (opts: RestOpts & { file?: string; key?: string }) => {
    const { verifyAudit } = await import('./audit-commands.js');
    const { verdict, text } = await verifyAudit(rest(opts), opts);
    console.log(text);
    if (!verdict.ok) process.exitCode = 1;
  });
withRest(audit.command('key'))
  .description("the coordinator's public audit key as PEM, for verifying exports offline")
  .option('--out <file>', 'write it to a file instead of standard output')
  .action(async (opts: RestOpts & { out?: string }) => {
    const { auditKey } = await import('./audit-commands.js');
    console.log(await auditKey(rest(opts), opts.out));
  });
withRest(audit.command('export'))
  .description('the audit events as JSON lines, for one run or all')
  .option('--run <id>', 'only the events about this run')
  .option('--format <format>', "jsonl (the events) or prov (W3C PROV-JSON lineage of the run's latest model; needs --run)", 'jsonl')
  .option('--out <file>', 'write to a file instead of standard output')
  .action(async (opts: RestOpts & { run?: string; format: string; out?: string }) => {
    const { exportAudit, exportProv } = await import('./audit-commands.js');
    if (opts.format === 'jsonl') console.log(await exportAudit(rest(opts), opts.run, opts.out));
    else if (opts.format === 'prov' && opts.run) console.log(await exportProv(rest(opts), opts.run, opts.out));
    else throw new InvalidArgumentError(opts.format === 'prov' ? '--format prov needs --run ID' : `--format must be jsonl or prov, not ${opts.format}`);
  });

const privacy = program.command('privacy').description('differential privacy: what a training setting spends');
privacy
  .command('epsilon')
  .description(
    'ε at δ of T steps of the Poisson-sampled Gaussian mechanism (DP-SGD, or sites sampled per round), by Rényi DP; the best order and the RDP at each',
  )
  .requiredOption('--sampling-rate <q>', 'probability each example (or site) is in a step', parseFloat)
  .requiredOption('--noise-multiplier <sigma>', 'noise standard deviation over the clipping norm', parseFloat)
  .requiredOption('--steps <n>', 'steps (batches, or rounds)', integer)
  .requiredOption('--delta <d>', 'the δ of (ε, δ)', parseFloat)
  .option('--orders <list>', 'Rényi orders, comma-separated (default: 1.1 to 10.9 by 0.1, 12 to 63, 128, 256, 512)', (v: string) => v.split(',').map(Number))
  .option('--json', 'print as JSON')
  .action(async (opts: { samplingRate: number; noiseMultiplier: number; steps: number; delta: number; orders?: number[]; json?: boolean }) => {
    const { DEFAULT_ORDERS, epsilonFromRdp, rdpSampledGaussian } = await import('../common/rdp-accountant.js');
    const orders = opts.orders ?? [...DEFAULT_ORDERS];
    const rdp = rdpSampledGaussian(opts.samplingRate, opts.noiseMultiplier, opts.steps, orders);
    const { epsilon, order } = epsilonFromRdp(orders, rdp, opts.delta);
    if (opts.json) print({ epsilon, delta: opts.delta, order, rdp: orders.map((o, i) => ({ order: o, rdp: rdp[i] })) });
    else {
      console.log(
        `ε ${epsilon.toFixed(6)} at δ ${opts.delta} (best order ${order}), for ${opts.steps} steps at sampling rate ${opts.samplingRate} and noise multiplier ${opts.noiseMultiplier}`,
      );
      console.log(
        table(
          ['order', 'RDP'],
          orders.map((o, i) => [o, rdp[i]!.toPrecision(6)]),
        ),
      );
    }
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

experiment
  .command('resnet')
  .description('a residual network on the demo hospitals: from scratch, from a pretrained start, and with its stem frozen')
  .option('--rounds <n>', 'training rounds', integer, 5)
  .option('--images <n>', 'images per site', integer, 80)
  .option('--pretrain-images <n>', 'images of the public collection the starting point is trained on', integer, 480)
  .action(async (opts: { rounds: number; images: number; pretrainImages: number }) => {
    const { resNetExperiment, renderResNetTable } = await import('./simulate/resnet-experiment.js');
    console.log(renderResNetTable(await resNetExperiment({ rounds: opts.rounds, imagesPerSite: opts.images, pretrainImages: opts.pretrainImages })));
  });

experiment
  .command('segmentation')
  .description("a 2-D U-Net segmenting the demo's lesions: per-site and pooled Dice per round, FedAvg and FedBN")
  .option('--rounds <n>', 'training rounds', integer, 5)
  .option('--images <n>', 'images per site', integer, 120)
  .action(async (opts: { rounds: number; images: number }) => {
    const { segmentationExperiment, renderSegmentationTable } = await import('./simulate/segmentation-experiment.js');
    console.log(renderSegmentationTable(await segmentationExperiment({ rounds: opts.rounds, imagesPerSite: opts.images })));
  });

experiment
  .command('volumes')
  .description("a small 3-D network segmenting lesions in the demo hospitals' volumes: per-site and pooled Dice per round")
  .option('--rounds <n>', 'training rounds', integer, 5)
  .option('--volumes <n>', 'volumes per site', integer, 40)
  .action(async (opts: { rounds: number; volumes: number }) => {
    const { volumesExperiment, renderVolumesTable } = await import('./simulate/volumes-experiment.js');
    console.log(renderVolumesTable(await volumesExperiment({ rounds: opts.rounds, volumesPerSite: opts.volumes })));
  });

experiment
  .command('annotation')
  .description('reader agreement and pre-annotation on the demo hospitals: a low-κ hospital flagged and gated, and the labelling effort a model saves')
  .option('--rounds <n>', 'training rounds', integer, 5)
  .option('--images <n>', 'images per site', integer, 240)
  .option('--disagreement <rate>', "the last hospital's primary reader's error rate", parseFloat, 0.4)
  .option('--labelled <fraction>', 'share of cases labelled before pre-annotation', parseFloat, 0.1)
  .action(async (opts: { rounds: number; images: number; disagreement: number; labelled: number }) => {
    const { annotationExperiment, renderAnnotationTable } = await import('./simulate/annotation-experiment.js');
    console.log(
      renderAnnotationTable(
        await annotationExperiment({ rounds: opts.rounds, imagesPerSite: opts.images, disagreement: opts.disagreement, labelledFraction: opts.labelled }),
      ),
    );
  });

experiment
  .command('privacy')
  .description(
    'Fashion-MNIST without DP, with site-level DP at several ε (noise local, central, or distributed under secure aggregation), with DP-SGD, and what secure aggregation costs at 5, 20 and 100 sites',
  )
  .option('--rounds <n>', 'training rounds', integer, 10)
  .option('--sites <n>', 'hospitals the training images are split over', integer, 20)
  .option('--images <n>', 'training images taken from Fashion-MNIST', integer, 12_000)
  .option('--noise <list>', 'noise multipliers of the site-level DP runs, comma-separated', '0.5,1,2')
  .option('--dp-sgd-noise <list>', 'noise multipliers of the DP-SGD runs, comma-separated', '0.8,1.5')
  .option('--cost-sites <list>', 'site counts of the cost rows, comma-separated', '5,20,100')
  .action(async (opts: { rounds: number; sites: number; images: number; noise: string; dpSgdNoise: string; costSites: string }) => {
    const { privacyExperiment, renderPrivacyTable } = await import('./simulate/privacy-experiment.js');
    const list = (option: string, text: string) => {
      const values = text === '' ? [] : text.split(',').map(Number);
      if (values.some((v) => !(v > 0)))
        throw new ConsiliumError('INVALID_ARGUMENT', `${option} "${text}": give positive numbers separated by commas, e.g. 0.5,1,2`);
      return values;
    };
    const options = {
      rounds: opts.rounds,
      sites: opts.sites,
      images: opts.images,
      noise: list('--noise', opts.noise),
      dpSgdNoise: list('--dp-sgd-noise', opts.dpSgdNoise),
      costSites: list('--cost-sites', opts.costSites),
    };
    console.log(renderPrivacyTable(await privacyExperiment(options)));
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
