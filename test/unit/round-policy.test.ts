import { describe, expect, it } from 'vitest';

import { parseRunSpec } from '../../common/run-spec.parse.js';
import { selectSites, sitesFailingInARow } from '../../coordinator/domain/round-policy.js';

const sites = Array.from({ length: 10 }, (_, i) => `site-${i}`);

describe('round policy', () => {
  it('asks every ready site and waits for all by default', () => {
    expect(selectSites(sites, { quorum: 10, minSitesToStart: 10, fraction: 1, overSelection: 0 }, 0, 1)).toEqual({ selected: sites, target: 10 });
  });

  it('asks a fraction, never fewer than the quorum, and over-selects beyond the target', () => {
    const half = selectSites(sites, { quorum: 3, minSitesToStart: 3, fraction: 0.5, overSelection: 0 }, 7, 1);
    expect(half.target).toBe(5);
    expect(half.selected).toHaveLength(5);
    const over = selectSites(sites, { quorum: 3, minSitesToStart: 3, fraction: 0.5, overSelection: 0.4 }, 7, 1);
    expect(over.target).toBe(5);
    expect(over.selected).toHaveLength(7);
    expect(selectSites(sites, { quorum: 6, minSitesToStart: 6, fraction: 0.2, overSelection: 0 }, 7, 1).target).toBe(6);
    // Never more than are ready.
    expect(selectSites(sites.slice(0, 4), { quorum: 3, minSitesToStart: 3, fraction: 1, overSelection: 1 }, 7, 1)).toEqual({
      selected: sites.slice(0, 4),
      target: 4,
    });
  });

  it('picks reproducibly from seed and round, and differently across rounds', () => {
    const policy = { quorum: 2, minSitesToStart: 2, fraction: 0.3, overSelection: 0 };
    expect(selectSites(sites, policy, 1, 1)).toEqual(selectSites([...sites].reverse(), policy, 1, 1));
    const picks = new Set([1, 2, 3, 4, 5].map((round) => selectSites(sites, policy, 1, round).selected.join()));
    expect(picks.size).toBeGreaterThan(1);
  });

  it('leaves out a site whose last N tasks failed or expired; cancelled tasks do not count', () => {
    const tasks = [
      { siteId: 'a', roundNumber: 1, status: 'failed' },
      { siteId: 'a', roundNumber: 2, status: 'cancelled' },
      { siteId: 'a', roundNumber: 3, status: 'expired' },
      { siteId: 'b', roundNumber: 1, status: 'expired' },
      { siteId: 'b', roundNumber: 2, status: 'accepted' },
      { siteId: 'b', roundNumber: 3, status: 'failed' },
      { siteId: 'c', roundNumber: 3, status: 'sent' },
    ];
    expect([...sitesFailingInARow(tasks, 2)]).toEqual([['a', 2]]);
    expect([...sitesFailingInARow(tasks, 1)]).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('checks minSitesToStart against the quorum and the listed sites', () => {
    const spec = (roundPolicy: object) => ({
      name: 'r',
      classes: ['a', 'b'],
      rounds: 1,
      sites: ['x', 'y', 'z'],
      minSites: 2,
      roundPolicy,
      model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2 } }] } },
    });
    expect(() => parseRunSpec(spec({ minSitesToStart: 1 }))).toThrow(
      'roundPolicy.minSitesToStart: minSitesToStart (1) is below the quorum of 2 updates a round needs; raise it or lower minSites',
    );
    expect(() => parseRunSpec(spec({ minSitesToStart: 4 }))).toThrow('roundPolicy.minSitesToStart: minSitesToStart (4) exceeds the 3 listed sites');
    expect(parseRunSpec(spec({})).roundPolicy).toEqual({ fraction: 1, overSelection: 0, maxConsecutiveFailures: 3 });
  });
});
