import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const cli = (...args: string[]) => spawnSync(process.execPath, [path.resolve('dist/cli/main.js'), ...args], { encoding: 'utf8' });

describe('consilium privacy epsilon', () => {
  it('prints ε, the best order and the RDP at each order, as JSON for scripts, and names a parameter out of range', () => {
    const json = cli(
      'privacy',
      'epsilon',
      '--sampling-rate',
      '1',
      '--noise-multiplier',
      '2',
      '--steps',
      '3',
      '--delta',
      '1e-5',
      '--orders',
      '2,8,32',
      '--json',
    );
    expect(json.status, json.stderr).toBe(0);
    // q = 1: RDP α·T/(2σ²) = 3α/8; at α = 8, ε = 3 + ln(7/8) − ln(8e-5)/7 = 4.2141…, the best of the three.
    const answer = JSON.parse(json.stdout) as { epsilon: number; order: number; rdp: { order: number; rdp: number }[] };
    expect(answer.rdp).toEqual([
      { order: 2, rdp: 0.75 },
      { order: 8, rdp: 3 },
      { order: 32, rdp: 12 },
    ]);
    expect(answer.order).toBe(8);
    expect(answer.epsilon).toBeCloseTo(3 + Math.log(7 / 8) - Math.log(8e-5) / 7, 12);
    const text = cli('privacy', 'epsilon', '--sampling-rate', '1', '--noise-multiplier', '2', '--steps', '3', '--delta', '1e-5', '--orders', '2,8,32');
    expect(text.stdout.split('\n')[0]).toBe('ε 4.214109 at δ 0.00001 (best order 8), for 3 steps at sampling rate 1 and noise multiplier 2');
    const bad = cli('privacy', 'epsilon', '--sampling-rate', '2', '--noise-multiplier', '1', '--steps', '3', '--delta', '1e-5');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('sampling rate 2 must lie in [0, 1]');
  });
});
