import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadSiteConfig } from './config/site-config.js';
import { LabelVocabulary } from './data/label-vocabulary.js';
import { profileDataset } from './profile/data-profile.js';
import { guardProfile } from './profile/privacy-guard.js';
import { profileHtml, renderProfile } from './profile/report.js';
import { openDataset } from './data/open-dataset.js';
import { selectBackend } from './training/backend.js';
import { runSelfTest } from './training/self-test.js';
import { SiteAgent, type AgentLogger } from './site-agent.js';

const logger: AgentLogger = {
  info: (message) => console.log(`${new Date().toISOString()} ${message}`),
  warn: (message) => console.warn(`${new Date().toISOString()} WARN ${message}`),
};

/** `consilium site start`: runs the agent until SIGINT or SIGTERM. */
export async function startSiteAgent(configFile: string): Promise<void> {
  const config = loadSiteConfig(configFile, process.env);
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
  const source = openDataset(config.data);
  const profile = await profileDataset(source, await source.scan(), new LabelVocabulary(config.labelMap));
  const shared = guardProfile(profile, config.privacy);
  const out = outDir ?? path.join(config.stateDir, 'profile');
  await mkdir(out, { recursive: true });
  const files = [path.join(out, 'profile.json'), path.join(out, 'profile.shared.json'), path.join(out, 'profile.html')];
  await writeFile(files[0]!, JSON.stringify(profile, null, 2));
  await writeFile(files[1]!, JSON.stringify(shared, null, 2));
  await writeFile(files[2]!, profileHtml(config.siteId, profile));
  return { report: renderProfile(config.siteId, profile), files };
}

/** `consilium site doctor`: what this site would use, and why, without connecting. */
export async function siteDoctor(configFile: string): Promise<string> {
  const config = loadSiteConfig(configFile, process.env);
  const backend = await selectBackend(config.backend);
  const test = await runSelfTest(backend);
  const scan = await openDataset(config.data).scan();
  const labels = new Map<string, number>();
  for (const s of scan.samples) labels.set(s.label, (labels.get(s.label) ?? 0) + 1);
  return [
    `site ${config.siteId} → coordinator ${config.coordinator}`,
    `backend: ${backend.name} (${backend.device})`,
    ...backend.notes.map((n) => `  note: ${n}`),
    `  self-test: trained a 32×32 CNN at ${test.samplesPerSecond.toFixed(0)} samples/s`,
    ...(test.gpu ? [`  GPU: ${test.gpu}`] : []),
    `data (${config.data.kind}): ${scan.samples.length} samples, ${scan.skipped.length} skipped files`,
    ...[...labels].map(([label, n]) => `  ${label}: ${n}`),
    ...scan.skipped.slice(0, 20).map((s) => `  skipped ${s.id}: ${s.reason}`),
  ].join('\n');
}
