import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { stringify } from 'yaml';

import { loadSiteConfig } from '../../site-agent/config/site-config.js';
import { siteEnrol } from '../../site-agent/main.js';
import { SiteAgent } from '../../site-agent/site-agent.js';
import { selectBackend } from '../../site-agent/training/backend.js';
import { postJson, type TestCoordinator } from './coordinator.js';

export interface AgentSite {
  agent: SiteAgent;
  root: string;
  configFile: string;
  running: Promise<void>;
}

/**
 * A real site agent in this process: its files written into a fresh folder
 * (`files`: name → content), registered and enrolled through the REST API,
 * prepared and running. `config` is merged into site.yaml; the policy needs
 * no approval unless `policy` says otherwise.
 */
export async function startAgentSite(
  coordinator: TestCoordinator,
  siteId: string,
  files: Record<string, string>,
  config: Record<string, unknown>,
  policy: Record<string, unknown> = { requireApproval: false },
  /** Writes what plain files cannot say (images, masks) into the site's folder before the agent scans it. */
  prepare: (root: string) => Promise<void> = async () => undefined,
): Promise<AgentSite> {
  const root = mkdtempSync(path.join(tmpdir(), `consilium-${siteId}-`));
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
  await prepare(root);
  writeFileSync(path.join(root, 'policy.yaml'), stringify(policy));
  const configFile = path.join(root, 'site.yaml');
  writeFileSync(
    configFile,
    stringify({ siteId, coordinator: coordinator.grpcAddress, stateDir: './state', policy: './policy.yaml', backend: 'cpu', ...config }),
  );
  await postJson(`${coordinator.httpUrl}/api/sites`, { id: siteId });
  const { token } = (await postJson(`${coordinator.httpUrl}/api/sites/${siteId}/enrolment-tokens`, {})).body;
  await siteEnrol(configFile, coordinator.httpUrl, token);
  const agent = new SiteAgent(loadSiteConfig(configFile), await selectBackend((config['backend'] as 'cpu' | 'wasm' | undefined) ?? 'cpu'), {
    info: () => undefined,
    warn: () => undefined,
  });
  await agent.prepare();
  return { agent, root, configFile, running: agent.run() };
}
