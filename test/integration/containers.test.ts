import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import Ajv from 'ajv';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { loadSiteConfig } from '../../site-agent/config/site-config.js';
import { type TestCoordinator, testCoordinator } from '../support/coordinator.js';

const compose = parseYaml(readFileSync('deploy/containers/compose.yaml', 'utf8'), { merge: true }) as {
  services: Record<string, { image: string; read_only?: boolean; cap_drop?: string[]; security_opt?: string[]; tmpfs?: string[] }>;
};
const dockerfile = readFileSync('deploy/containers/Dockerfile', 'utf8');

/** The instructions of one build stage, as [keyword, arguments]. */
function stage(name: string): [string, string][] {
  const lines = dockerfile.replace(/\\\n\s*/g, ' ').split('\n');
  const start = lines.findIndex((l) => new RegExp(`^FROM \\S+ AS ${name}$`).test(l));
  const end = lines.findIndex((l, i) => i > start && l.startsWith('FROM '));
  return lines
    .slice(start, end < 0 ? undefined : end)
    .filter((l) => /^[A-Z]+ /.test(l))
    .map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]);
}

describe('container files', () => {
  it('compose.yaml is valid Compose (the specification’s own schema) and pins every image', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    // Draft 7, named by its https address, which Ajv knows by the http one: the keywords are the same.
    const { $schema: _draft7, ...schema } = JSON.parse(readFileSync('test/fixtures/compose-spec/compose-spec.json', 'utf8')) as Record<string, unknown>;
    const valid = ajv.validate(schema, compose);
    expect(ajv.errors ?? [], ajv.errorsText()).toEqual([]);
    expect(valid).toBe(true);
    expect(Object.keys(compose.services).sort()).toEqual([
      'bucket',
      'coordinator',
      'coordinator-init',
      'demo-sites',
      'objects',
      'postgres',
      'site-a',
      'site-b',
      'site-c',
    ]);
    for (const [name, service] of Object.entries(compose.services)) {
      expect(service.image, name).toMatch(/^[^:]+:\S+$/);
      expect(service.image, name).not.toMatch(/:latest$/);
    }
  });

  it("runs Consilium's own services read-only, without capabilities or privilege escalation", () => {
    const ours = Object.entries(compose.services).filter(([, s]) => s.image.startsWith('localhost/consilium-'));
    expect(ours.map(([name]) => name).sort()).toEqual(['coordinator', 'coordinator-init', 'demo-sites', 'site-a', 'site-b', 'site-c']);
    for (const [name, service] of ours) {
      expect(service.read_only, name).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.security_opt, name).toEqual(['no-new-privileges:true']);
      expect(service.tmpfs, name).toEqual(['/tmp']);
    }
  });

  it('the Dockerfile parses without a finding, and both images run as user 10001 with a volume and a healthcheck', () => {
    expect(validateDockerfile(dockerfile)).toEqual([]);
    for (const name of ['coordinator', 'site']) {
      const instructions = stage(name);
      const keyword = (k: string) => instructions.filter(([i]) => i === k).map(([, args]) => args);
      expect(keyword('USER'), name).toEqual(['10001:10001']);
      expect(keyword('VOLUME'), name).toHaveLength(1);
      expect(keyword('HEALTHCHECK'), name).toHaveLength(1);
      expect(keyword('ENTRYPOINT'), name).toEqual(['["consilium"]']);
    }
    expect(stage('coordinator').find(([i]) => i === 'EXPOSE')?.[1]).toBe('8080 50051');
  });

  it('the GPU agent image parses without a finding, runs as user 10001, and refuses to build without the mirror', () => {
    const gpu = readFileSync('deploy/containers/Dockerfile.gpu', 'utf8');
    expect(validateDockerfile(gpu)).toEqual([]);
    expect(gpu).toContain('\nUSER 10001:10001\n');
    expect(gpu).toContain('\nHEALTHCHECK ');
    expect(gpu).toContain('FROM ${CUDA_BASE} AS site-gpu');
    expect(gpu).toContain('test -n "${MIRROR}" || { echo \'MIRROR: pass --build-arg MIRROR=');
  });
});

describe("the compose stack's demo-sites script", () => {
  let coordinator: TestCoordinator;
  const root = mkdtempSync(path.join(tmpdir(), 'consilium-demo-sites-'));
  beforeAll(async () => {
    coordinator = await testCoordinator();
  });
  afterAll(async () => {
    await coordinator?.close();
  });

  it('registers, enrols and configures each demo hospital once, as the agents in compose read them', async () => {
    // `consilium` on the PATH, as in the image.
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(path.join(bin, 'consilium'), `#!/bin/sh\nexec "${process.execPath}" "${path.resolve('dist/cli/main.js')}" "$@"\n`);
    chmodSync(path.join(bin, 'consilium'), 0o755);
    writeFileSync(path.join(root, 'init.txt'), `coordinator initialised\n${coordinator.tokens.admin}\n`);
    // Asynchronously: the coordinator the script talks to runs in this process.
    const run = () =>
      promisify(execFile)('sh', ['deploy/containers/demo-sites.sh'], {
        env: {
          ...process.env,
          PATH: `${bin}:${process.env['PATH']}`,
          CONSILIUM_URL: coordinator.httpUrl,
          GRPC_ADDRESS: coordinator.grpcAddress,
          DEMO_DIR: path.join(root, 'sites'),
          ADMIN_TOKEN_FILE: path.join(root, 'init.txt'),
          SITES: 'hospital-a hospital-b',
        },
      });
    await run();
    for (const site of ['hospital-a', 'hospital-b']) {
      const config = loadSiteConfig(path.join(root, 'sites', site, 'site.yaml'));
      expect(config).toMatchObject({ siteId: site, coordinator: coordinator.grpcAddress, backend: 'wasm', data: { kind: 'csv', labelColumn: 'label' } });
      const rows = readFileSync(path.join(root, 'sites', site, 'table.csv'), 'utf8')
        .trim()
        .split('\n');
      expect(rows).toHaveLength(401);
      expect(rows[0]).toBe('f0,f1,f2,f3,f4,f5,f6,f7,label');
    }
    const again = await run();
    expect(again.stdout).toBe('hospital-a: already enrolled\nhospital-b: already enrolled\n');
  });
});
