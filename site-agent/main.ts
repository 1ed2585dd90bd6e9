import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';

import type { Logger } from 'pino';

import { agreementName, type AgreementSummary } from '../common/data-profile.schema.js';
import { ConsiliumError, describeError } from '../common/errors.js';
import { createLog } from '../common/log.js';
import { modelSize } from '../common/model-size.js';
import { describeSpend } from '../common/privacy-spend.js';
import { roundsEpsilon } from '../common/rdp-accountant.js';
import { parseRunSpec } from '../common/run-spec.parse.js';
import { describeModelCost, stepCost } from '../common/step-cost.js';
import { loadSiteConfig } from './config/site-config.js';
import type { ReviewItem } from './data/dataset.js';
import { type LabelSuggestion, suggestMappings } from './data/label-suggestions.js';
import { LabelVocabulary } from './data/label-vocabulary.js';
import { openSiteDataset } from './data/open-dataset.js';
import { enrolSite, loadIdentity, renewIdentity } from './identity/site-identity.js';
import { type LedgerEntry, PrivacyLedger } from './policy/privacy-ledger.js';
import { RunConsents } from './policy/run-consents.js';
import { loadSitePolicy } from './policy/site-policy.js';
import { specDiff } from './policy/spec-diff.js';
import { profileDataset } from './profile/data-profile.js';
import { profileHtml, renderProfile } from './profile/report.js';
import { sharedProfile } from './profile/shared-profile.js';
import { type AgentLogger, effectivePrivacy, SiteAgent } from './site-agent.js';
import { selectBackend } from './training/backend.js';
import { runSelfTest } from './training/self-test.js';
import { CoordinatorClient } from './transport/coordinator-client.js';

/** The agent's logger over pino: JSON lines (text on a terminal), the site id on every line, the ids as fields. */
export function agentLogger(logger: Logger): AgentLogger {
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
  };
}

/** `consilium site start`: runs the agent until SIGINT or SIGTERM. */
export async function startSiteAgent(configFile: string): Promise<void> {
  const config = loadSiteConfig(configFile, process.env);
  const logger = agentLogger(createLog('site').child({ siteId: config.siteId }));
  const backend = await selectBackend(config.backend);
  logger.info(`training backend: ${backend.name} on ${backend.device}${backend.notes.length ? ` (${backend.notes.join('; ')})` : ''}`);
  const agent = new SiteAgent(config, backend, logger);
  await agent.prepare();
  const stop = (): void => agent.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await agent.run();
}

/**
 * `consilium site scan`: profiles the site's data locally, without contacting
 * the coordinator. Prints the report and writes profile.json (everything, for
 * the hospital), profile.shared.json (what would leave the site, after the
 * privacy guard) and profile.html (histograms drawn, self-contained).
 */
export async function siteScan(configFile: string, outDir?: string): Promise<{ report: string; files: string[] }> {
  const config = loadSiteConfig(configFile, process.env);
  const source = openSiteDataset(config);
  const profile = await profileDataset(source, await source.scan(), new LabelVocabulary(config.labelMap), undefined, config.deidentification.retain);
  const policy = loadSitePolicy(config.policy);
  const shared = sharedProfile(profile, effectivePrivacy(config, policy), config.labelMap, policy.shareLabelMap);
  const out = outDir ?? path.join(config.stateDir, 'profile');
  await mkdir(out, { recursive: true });
  const files = [path.join(out, 'profile.json'), path.join(out, 'profile.shared.json'), path.join(out, 'profile.html')];
  await writeFile(files[0]!, JSON.stringify(profile, null, 2));
  await writeFile(files[1]!, JSON.stringify(shared, null, 2));
  await writeFile(files[2]!, profileHtml(config.siteId, profile));
  return { report: renderProfile(config.siteId, profile), files };
}

/**
 * `consilium site review`: the cases to read again, from the readers' file and the scan, with each reader's label
 * (by name: this never leaves the site). Cases without consensus come first: they are not trained on until resolved.
 */
export async function siteReview(configFile: string): Promise<{ agreement: AgreementSummary | null; cases: ReviewItem[]; text: string }> {
  const config = loadSiteConfig(configFile, process.env);
  const maskReaders = config.data.kind === 'image-masks' && typeof config.data.masks !== 'string';
  if (!config.readers && !maskReaders) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `${configFile} has no readers: section (nor a mask folder per reader in data.masks); site review lists the cases several readers disagree on`,
    );
  }
  const source = openSiteDataset(config);
  await source.scan();
  const cases = [...(source.review?.() ?? [])].sort(
    (a, b) =>
      Number(a.reason.startsWith('readers disagree;')) - Number(b.reason.startsWith('readers disagree;')) ||
      a.caseId.localeCompare(b.caseId, undefined, { numeric: true }),
  );
  const agreement = source.agreement?.() ?? null;
  const open = cases.filter((c) => !c.reason.startsWith('readers disagree;')).length;
  const head = agreement
    ? `${agreement.readers} readers, ${agreement.cases} cases read by two or more; ${agreementName(agreement.statistic)} ${agreement.value?.toFixed(3) ?? 'undefined'}${agreement.interval ? ` (95 % ${agreement.interval[0].toFixed(3)} to ${agreement.interval[1].toFixed(3)})` : ''}; consensus: ${agreement.rule}`
    : 'no readers';
  const lines = cases.map(
    (c) =>
      `${c.caseId}\t${Object.entries(c.readings)
        .map(([reader, label]) => `${reader}=${label}`)
        .join(' ')}\t${c.reason}`,
  );
  return { agreement, cases, text: [head, `${open} cases need adjudication, ${cases.length - open} were decided over a dissent:`, ...lines].join('\n') };
}

/**
 * `consilium site suggest-labels`: for each local label the offered run's classes do not cover, the class its name,
 * synonyms or codes suggest, as a labelMap snippet to review and paste. Reads the offer the agent stored; writes nothing.
 */
export async function siteSuggestLabels(configFile: string, runId: string): Promise<{ suggestions: LabelSuggestion[]; text: string }> {
  const config = loadSiteConfig(configFile, process.env);
  const offer = new RunConsents(config.stateDir).offer(runId);
  if (!offer) {
    throw new ConsiliumError(
      'NOT_FOUND',
      `run ${runId} has not been offered to this site (no offer in ${config.stateDir}/consents.json); \`consilium site runs\` lists the offers the agent received`,
    );
  }
  const spec = parseRunSpec(JSON.parse(offer.specJson));
  const vocabulary = new LabelVocabulary(config.labelMap);
  const unmapped = new Map<string, number>();
  for (const sample of (await openSiteDataset(config).scan()).samples) {
    if (vocabulary.classify(sample.label, spec.classes) === null) unmapped.set(sample.label.trim(), (unmapped.get(sample.label.trim()) ?? 0) + 1);
  }
  const suggestions = suggestMappings(unmapped, spec.classes, spec.classInfo);
  const lines = suggestions.map((s) => `${JSON.stringify(s.local)} (${s.samples} samples): ${s.suggested ?? 'no suggestion'}, ${s.why}`);
  const snippet = suggestions.filter((s) => s.suggested !== null).map((s) => `  ${JSON.stringify(s.local)}: ${s.suggested}`);
  const text =
    suggestions.length === 0
      ? `every local label maps to a class of run ${runId} (${spec.classes.join(', ')})`
      : [
          `${suggestions.length} local labels are not mapped to a class of run ${runId} (${spec.classes.join(', ')}):`,
          ...lines,
          ...(snippet.length ? ['', 'after checking each, add to labelMap in the site config:', 'labelMap:', ...snippet] : []),
        ].join('\n');
  return { suggestions, text };
}

/**
 * `consilium site privacy`: the privacy ledger, per dataset version: each run's noised updates and what they cost,
 * the total (composed by Rényi DP) at the budget's δ (1e-5 without a budget), and what the budget leaves.
 */
export function sitePrivacy(configFile: string): { entries: LedgerEntry[]; text: string } {
  const config = loadSiteConfig(configFile, process.env);
  const budget = loadSitePolicy(config.policy).privacyBudget;
  const delta = budget?.delta ?? 1e-5;
  const entries = PrivacyLedger.inStateDir(config.stateDir).entries();
  const lines = [budget ? `privacy budget: ε ${budget.epsilon} at δ ${delta}` : `no privacy budget in the site policy; ε at δ ${delta}`];
  if (entries.length === 0) lines.push('no noised update has left this site');
  // What is left is the budget less every version's spend, as the agent checks it (budgetShortfall).
  const left = budget ? Math.max(0, budget.epsilon - roundsEpsilon(entries, delta)) : null;
  for (const fingerprint of [...new Set(entries.map((e) => e.fingerprint))]) {
    const runs = entries.filter((e) => e.fingerprint === fingerprint);
    lines.push(
      `dataset ${fingerprint.slice(0, 16)}…: ε ${roundsEpsilon(runs, delta).toFixed(3)} spent${left === null ? '' : `, ${left.toFixed(3)} left`}`,
      ...runs.map((r) => `  run ${r.runId}: ${describeSpend(r)}: ε ${roundsEpsilon([r], delta).toFixed(3)} (last ${r.at})`),
    );
  }
  return { entries, text: lines.join('\n') };
}

/** `consilium site doctor`: what this site would use, and why, without connecting. */
export async function siteDoctor(configFile: string): Promise<string> {
  const config = loadSiteConfig(configFile, process.env);
  const backend = await selectBackend(config.backend);
  const test = await runSelfTest(backend);
  const scan = await openSiteDataset(config).scan();
  // What will train: labels through data.labelMap, as the agent maps them; the rest is named, not counted as data.
  const vocabulary = new LabelVocabulary(config.labelMap);
  const labels = new Map<string, number>();
  const unmapped = new Map<string, number>();
  let unlabelled = 0;
  for (const s of scan.samples) {
    const label = vocabulary.classify(s.label);
    if (label === '') unlabelled += 1;
    else if (label === null) unmapped.set(s.label, (unmapped.get(s.label) ?? 0) + 1);
    else labels.set(label, (labels.get(label) ?? 0) + 1);
  }
  const trainable = [...labels.values()].reduce((a, b) => a + b, 0);
  const policy = loadSitePolicy(config.policy);
  let identity: string;
  try {
    const { info } = loadIdentity(config.stateDir, config.siteId);
    identity = `certificate ${info.serial}, valid until ${info.notAfter}`;
  } catch (error) {
    identity = `not enrolled: ${(error as Error).message}`;
  }
  return [
    `site ${config.siteId} → coordinator ${config.coordinator}`,
    `backend: ${backend.name} (${backend.device})`,
    ...backend.notes.map((n) => `  note: ${n}`),
    `  self-test: trained a 32×32 CNN at ${test.samplesPerSecond.toFixed(0)} samples/s`,
    `  training threads: ${config.training.threads === 'all' ? `all ${availableParallelism()} cores` : config.training.threads} (training.threads; a step under 200 MFLOP, batch normalization, soft Dice or FedProx trains on one)`,
    ...(test.gpu ? [`  GPU: ${test.gpu}`] : []),
    `data (${config.data.kind}): ${trainable} samples, ${scan.skipped.length} skipped files`,
    ...[...labels].sort(([a], [b]) => (a < b ? -1 : 1)).map(([label, n]) => `  ${label}: ${n}`),
    ...[...unmapped].map(([label, n]) => `  not trained on: ${n} labelled "${label}", which data.labelMap does not map`),
    ...(unlabelled > 0 ? [`  not trained on: ${unlabelled} without a label`] : []),
    ...scan.skipped.slice(0, 20).map((s) => `  skipped ${s.id}: ${s.reason}`),
    `identity: ${identity}`,
    `policy${config.policy ? ` (${config.policy})` : ' (defaults)'}: approval ${policy.requireApproval ? 'required' : 'not required'}, ` +
      `at most ${policy.maxParameters} parameters, ${policy.maxStepMemoryMegabytes} MB per training step and ${policy.maxLocalEpochs} local epochs, minimum cell size ${effectivePrivacy(config, policy).minCellSize}` +
      `${policy.requireDifferentialPrivacy ? ', differential privacy required' : ''}; layers: ${policy.allowedLayers.join(', ')}`,
  ].join('\n');
}

/** `consilium site enroll`: key made here, CSR sent with the one-time token, certificate stored (0600). */
export async function siteEnrol(configFile: string, coordinatorUrl: string, token: string): Promise<string> {
  const config = loadSiteConfig(configFile, process.env);
  const { info } = await enrolSite(config.stateDir, config.siteId, coordinatorUrl, token);
  return `site ${config.siteId} enrolled: certificate ${info.serial}, valid until ${info.notAfter}; key and certificate in ${path.join(config.stateDir, 'identity')}`;
}

/** `consilium site renew`: a new key and certificate now, whatever the time left. */
export async function siteRenew(configFile: string): Promise<string> {
  const config = loadSiteConfig(configFile, process.env);
  const current = loadIdentity(config.stateDir, config.siteId);
  const client = new CoordinatorClient(config.coordinator, current);
  try {
    const { info } = await renewIdentity(config.stateDir, config.siteId, current, (csr) => client.renewCertificate(csr));
    return `certificate renewed: serial ${info.serial}, valid until ${info.notAfter} (was ${current.info.serial}, until ${current.info.notAfter})`;
  } finally {
    client.close();
  }
}

/** `consilium site runs`: the runs offered to this site, their spec hashes, state, and a diff against the last spec approved. */
export function siteRuns(configFile: string): string {
  const config = loadSiteConfig(configFile, process.env);
  const consents = new RunConsents(config.stateDir);
  const { offers } = consents.read();
  if (offers.length === 0) return 'no runs offered to this site yet (the agent records offers while it is connected)';
  const lines: string[] = [];
  for (const offer of [...offers].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))) {
    const approval = consents.approval(offer.specSha256);
    lines.push(`run ${offer.runId} "${offer.name}" (${offer.status}, offered ${offer.receivedAt})`);
    lines.push(`  spec ${offer.specSha256}: ${approval ? `approved ${approval.approvedAt}` : 'not approved'}`);
    lines.push(`  model: ${offeredModelCost(offer.specJson)}`);
    const previous = consents.previousApproval(offer.specSha256);
    if (!approval && previous) {
      const diff = specDiff(previous.specJson, offer.specJson);
      lines.push(`  changes against the last approved spec ${previous.specSha256.slice(0, 12)} ("${previous.name}"):`, ...diff.map((d) => `    ${d}`));
    } else if (!approval) lines.push('  the spec (no earlier approval to compare with):', ...specDiff('{}', offer.specJson).map((d) => `    ${d}`));
  }
  return lines.join('\n');
}

export async function siteApprove(configFile: string, hash: string): Promise<string> {
  const config = loadSiteConfig(configFile, process.env);
  const approval = await new RunConsents(config.stateDir).approve(hash, new Date());
  return `approved spec ${approval.specSha256} (run ${approval.runId} "${approval.name}"); a running agent tells the coordinator within a second`;
}

export async function siteRevokeApproval(configFile: string, hash: string): Promise<string> {
  const config = loadSiteConfig(configFile, process.env);
  const approval = await new RunConsents(config.stateDir).revoke(hash, new Date());
  return `revoked approval of spec ${approval.specSha256} (run ${approval.runId}); the agent refuses its tasks from now on`;
}

/** The offered model's size and step cost, computed here from the spec (the coordinator's word is not taken). */
function offeredModelCost(specJson: string): string {
  try {
    const spec = parseRunSpec(specJson);
    const size = modelSize(spec.model);
    return describeModelCost(size, stepCost(spec.model, size, spec.batchSize, spec.optimizer.name), spec.batchSize);
  } catch (error) {
    return `the spec does not check here: ${describeError(error)}`;
  }
}
