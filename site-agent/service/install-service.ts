import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { ConsiliumError, describeError } from '../../common/errors.js';
import { loadSiteConfig } from '../config/site-config.js';
import { systemdUnit, type UnitLayout } from './systemd-unit.js';

export interface InstallServiceOptions {
  config: string;
  /** The CLI script the service runs (this installation's dist/cli/main.js). */
  cli: string;
  node: string;
  user: string;
  unitDir: string;
  name: string;
  gpu: boolean;
  /** Make the user (a system account without a shell) when it does not exist; needs root. */
  createUser: boolean;
}

/**
 * `consilium site install-service`: writes the sandboxed unit for this
 * site's config (its state folder the only writable path), makes the
 * service's user and gives it the state folder, and says how to start it.
 * The config is checked first, so a unit never points at a config the agent
 * would refuse.
 */
export function installService(options: InstallServiceOptions): { unitFile: string; unit: string; text: string } {
  const configFile = path.resolve(options.config);
  const config = loadSiteConfig(configFile);
  const unit = serviceUnit(options);
  const steps: string[] = [];
  if (!userExists(options.user)) {
    if (!options.createUser) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `user ${options.user} does not exist; make it (useradd --system ${options.user}) or drop --no-create-user`,
      );
    }
    run('useradd', ['--system', '--user-group', '--home-dir', config.stateDir, '--no-create-home', '--shell', '/usr/sbin/nologin', options.user]);
    steps.push(`made the system user ${options.user}`);
  }
  mkdirSync(config.stateDir, { recursive: true, mode: 0o700 });
  run('chown', ['-R', `${options.user}:`, config.stateDir]);
  steps.push(`gave ${options.user} the state folder ${config.stateDir}`);
  mkdirSync(options.unitDir, { recursive: true });
  const unitFile = path.join(options.unitDir, `${options.name}.service`);
  writeFileSync(unitFile, unit, { mode: 0o644 });
  steps.push(`wrote ${unitFile}`);
  const text = [
    ...steps,
    `the agent reads ${configFile} and its data as ${options.user}: make them readable to that user (keys and certificates live in the state folder)`,
    `start it: systemctl daemon-reload && systemctl enable --now ${options.name}`,
    `watch it: journalctl -u ${options.name} -f`,
  ].join('\n');
  return { unitFile, unit, text };
}

/** The unit for this config, changing nothing (`--print`); the config is checked first. */
export function serviceUnit(options: Omit<InstallServiceOptions, 'unitDir' | 'name' | 'createUser'>): string {
  const config = path.resolve(options.config);
  const layout: UnitLayout = {
    node: options.node,
    cli: path.resolve(options.cli),
    config,
    stateDir: loadSiteConfig(config).stateDir,
    user: options.user,
    gpu: options.gpu,
    systemdVersion: systemdVersion(),
  };
  return systemdUnit(layout);
}

/** systemd's major version here (from systemd-analyze), or Debian 12's 252 when it cannot be read. */
function systemdVersion(): number {
  try {
    const match = /systemd (\d+)/.exec(execFileSync('systemd-analyze', ['--version'], { encoding: 'utf8' }));
    return match ? Number(match[1]) : 252;
  } catch {
    return 252;
  }
}

function userExists(user: string): boolean {
  try {
    execFileSync('id', ['-u', user], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new ConsiliumError(
      'FAILED_PRECONDITION',
      `${command} ${args.join(' ')} failed: ${describeError(error)} (install-service makes users and changes owners: run it as root)`,
    );
  }
}
