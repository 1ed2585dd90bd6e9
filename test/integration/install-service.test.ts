import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { installService, serviceUnit } from '../../site-agent/service/install-service.js';
import { DEFAULT_LAYOUT, systemdUnit, UNIT_HEADER } from '../../site-agent/service/systemd-unit.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;
const root = process.getuid?.() === 0;

/** systemd-analyze verify: its exit status and everything it complained about (warnings included). */
function verify(unitFile: string): { status: number | null; complaints: string } {
  const result = spawnSync('systemd-analyze', ['verify', unitFile], { encoding: 'utf8' });
  return { status: result.status, complaints: (result.stdout + result.stderr).trim() };
}

describe('the site agent as a systemd service', () => {
  it('ships deploy/site/consilium-site.service as the renderer writes it for the default layout', () => {
    const committed = readFileSync(path.join(repo, 'deploy/site/consilium-site.service'), 'utf8');
    // Stale: npm run build && node scripts/gen-unit.mjs
    expect(committed).toBe(UNIT_HEADER + systemdUnit(DEFAULT_LAYOUT));
    expect(systemdUnit({ ...DEFAULT_LAYOUT, systemdVersion: 254 })).toContain('RestartSec=10s\nRestartSteps=6\nRestartMaxDelaySec=10min\n');
    expect(systemdUnit({ ...DEFAULT_LAYOUT, gpu: true })).toContain('PrivateDevices=no\n');
    // '%' would start a systemd specifier.
    expect(systemdUnit({ ...DEFAULT_LAYOUT, stateDir: '/srv/100%/state' })).toContain('ReadWritePaths=/srv/100%%/state\n');
    expect(() => systemdUnit({ ...DEFAULT_LAYOUT, config: '/etc/a\nExecStartPre=/bin/evil' })).toThrow(
      'config "/etc/a\nExecStartPre=/bin/evil" holds a line break',
    );
  });

  // .ci/run installs systemd and runs as root: there this always runs.
  describe.runIf(analyze && (root || process.env['CI']))('install-service, as root, checked by systemd-analyze verify', () => {
    const user = `consilium-t${process.pid}`;
    afterAll(() => {
      spawnSync('userdel', [user]);
    });

    it('makes the user, gives it the state folder, writes a unit systemd accepts without a warning', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'install service '));
      writeFileSync(path.join(dir, 'site.yaml'), 'siteId: s\ncoordinator: c:1\nstateDir: state\ndata: { kind: csv, path: t.csv, labelColumn: label }\n');
      const options = {
        config: path.join(dir, 'site.yaml'),
        cli: path.join(repo, 'dist/cli/main.js'),
        node: process.execPath,
        user,
        unitDir: path.join(dir, 'units'),
        name: 'consilium-site',
        gpu: false,
        createUser: true,
      };
      const result = installService(options);
      const unitFile = path.join(dir, 'units', 'consilium-site.service');
      expect(result.unitFile).toBe(unitFile);
      expect(readFileSync(unitFile, 'utf8')).toBe(serviceUnit(options));
      // The folder has a space in its name: the unit quotes it.
      expect(result.unit).toContain(`ReadWritePaths="${path.join(dir, 'state')}"\n`);
      expect(result.unit).toContain(
        `ExecStart=${process.execPath} ${path.join(repo, 'dist/cli/main.js')} site start --config "${path.join(dir, 'site.yaml')}"\n`,
      );
      const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
      expect(statSync(path.join(dir, 'state')).uid).toBe(uid);
      expect(result.text.split('\n')).toEqual([
        `made the system user ${user}`,
        `gave ${user} the state folder ${path.join(dir, 'state')}`,
        `wrote ${unitFile}`,
        `the agent reads ${path.join(dir, 'site.yaml')} and its data as ${user}: make them readable to that user (keys and certificates live in the state folder)`,
        'start it: systemctl daemon-reload && systemctl enable --now consilium-site',
        'watch it: journalctl -u consilium-site -f',
      ]);
      expect(verify(unitFile)).toEqual({ status: 0, complaints: '' });
      // Installing again keeps the user and rewrites the same unit.
      expect(installService(options).text.split('\n')[0]).toBe(`gave ${user} the state folder ${path.join(dir, 'state')}`);
    });

    it('refuses a config the agent would refuse, and a missing user without --create-user, writing nothing', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'install-service-'));
      writeFileSync(path.join(dir, 'bad.yaml'), 'siteId: S!\ncoordinator: c:1\nstateDir: state\ndata: { kind: csv, path: t.csv, labelColumn: label }\n');
      writeFileSync(path.join(dir, 'good.yaml'), 'siteId: s\ncoordinator: c:1\nstateDir: state\ndata: { kind: csv, path: t.csv, labelColumn: label }\n');
      const base = { cli: path.join(repo, 'dist/cli/main.js'), node: process.execPath, unitDir: path.join(dir, 'units'), name: 'x', gpu: false };
      expect(() => installService({ ...base, config: path.join(dir, 'bad.yaml'), user, createUser: true })).toThrow(
        'siteId: siteId uses lower-case letters, digits, ".", "_" and "-"',
      );
      expect(() => installService({ ...base, config: path.join(dir, 'good.yaml'), user: 'no-such-user-here', createUser: false })).toThrow(
        'user no-such-user-here does not exist; make it (useradd --system no-such-user-here) or drop --no-create-user',
      );
      expect(existsSync(path.join(dir, 'units'))).toBe(false);
      expect(existsSync(path.join(dir, 'state'))).toBe(false);
    });

    it('the shipped unit passes systemd-analyze verify too', () => {
      expect(verify(path.join(repo, 'deploy/site/consilium-site.service'))).toEqual({ status: 0, complaints: '' });
    });
  });
});
