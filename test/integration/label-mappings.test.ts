import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { labelMappingsTable } from '../../cli/tables.js';
import { bareProfile, type DataProfile } from '../../common/data-profile.schema.js';
import { sharedProfile, withheldTerms } from '../../site-agent/profile/shared-profile.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, waitFor } from '../support/coordinator.js';
import { connectSite } from '../support/grpc-site.js';

/** A two-column table whose label column spells classes the site's way. */
const table = (labels: string[]): string => ['a,b,label', ...labels.map((label, i) => `${i % 7},${(i * 3) % 5},${label}`)].join('\n');

const profileOf = (labelMap: Record<string, string> | null): string =>
  JSON.stringify(
    bareProfile('csv', 10, {
      labels: { counts: { benign: 5, malignant: 5 }, unmapped: {}, missing: 0 },
      privacy: { minCellSize: 5, suppressedCells: 0, epsilon: null },
      ...(labelMap ? { vocabulary: { labelMap } } : {}),
    }),
  );

describe('one vocabulary: the mapping matrix', () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];

  beforeAll(async () => {
    coordinator = await testCoordinator();
    // Site a shares its terms; site b does not, and holds six rows of a label it has not mapped.
    sites.push(
      await startAgentSite(
        coordinator,
        'site-a',
        { 'table.csv': table([...Array(6).fill('恶性'), ...Array(6).fill('M'), ...Array(6).fill('malignant'), ...Array(6).fill('B')]) },
        { data: { kind: 'csv', path: './table.csv', labelColumn: 'label' }, labelMap: { 恶性: 'malignant', M: 'malignant', B: 'benign' } },
        { requireApproval: false, shareLabelMap: true },
      ),
      await startAgentSite(
        coordinator,
        'site-b',
        { 'table.csv': table([...Array(6).fill('maligno'), ...Array(6).fill('benigno'), ...Array(6).fill('incierto')]) },
        { data: { kind: 'csv', path: './table.csv', labelColumn: 'label' }, labelMap: { maligno: 'malignant', benigno: 'benign' } },
      ),
    );
  });
  afterAll(async () => {
    for (const site of sites) site.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });

  it("shows which local terms each consenting site merged into each class, audited, and sends none of a site's terms without its consent", async () => {
    await waitFor(async () => ((await (await api(`${coordinator.httpUrl}/api/sites/site-b/profiles`)).json()).profiles.length === 1 ? true : null));
    await waitFor(async () => ((await (await api(`${coordinator.httpUrl}/api/sites/site-a/profiles`)).json()).profiles.length === 1 ? true : null));
    const { body: run } = await postJson(`${coordinator.httpUrl}/api/runs`, {
      name: 'vocabulary',
      classes: ['benign', 'malignant'],
      rounds: 1,
      sites: ['site-a', 'site-b'],
      model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [2], units: 2, activation: 'softmax' } }] } },
    });
    const matrix = await (await api(`${coordinator.httpUrl}/api/runs/${run.id}/label-mappings`)).json();
    const { events } = await (await api(`${coordinator.httpUrl}/api/audit?action=site.label-map`, {}, 'auditor')).json();
    expect(events.map((e: { actor: string; payload: object }) => [e.actor, e.payload])).toEqual([
      ['site:site-a', { labelMap: { 恶性: 'malignant', M: 'malignant', B: 'benign' }, previous: null }],
    ]);
    expect(matrix).toEqual({
      runId: run.id,
      classes: ['benign', 'malignant'],
      sites: [
        { siteId: 'site-a', shared: true, since: events[0].at, auditSeq: events[0].seq, byClass: { benign: ['B'], malignant: ['M', '恶性'] }, outsideRun: {} },
        { siteId: 'site-b', shared: false, since: null, auditSeq: null, byClass: { benign: [], malignant: [] }, outsideRun: {} },
      ],
    });
    expect(labelMappingsTable(matrix).split('\n')).toEqual([
      'class      site-a              site-b',
      'benign     benign, B           not shared',
      'malignant  malignant, M, 恶性  not shared',
      'shared:',
      `  site-a: since ${events[0].at.slice(0, 16).replace('T', ' ')} (audit event ${events[0].seq})`,
    ]);
    // Site b's profile counts its unmapped label without its name, and carries none of its terms.
    const b = JSON.stringify(await (await api(`${coordinator.httpUrl}/api/sites/site-b/profiles`)).json());
    expect(b).toContain('"unmapped":{"term-1":5}');
    expect(b).not.toMatch(/maligno|benigno|incierto/);
    const a = JSON.stringify(await (await api(`${coordinator.httpUrl}/api/sites/site-a/profiles`)).json());
    expect(a).toContain('"vocabulary":{"labelMap":{"恶性":"malignant","M":"malignant","B":"benign"}}');
  });

  it('records a change of a shared map with what it replaced, and its withdrawal', async () => {
    await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'site-c' });
    const connectAs = async (labelMap: Record<string, string> | null, expected: number) => {
      const site = await connectSite(coordinator, 'site-c', profileOf(labelMap));
      const events = await waitFor(async () => {
        const listed = (await (await api(`${coordinator.httpUrl}/api/audit?site=site-c&action=site.label-map`, {}, 'auditor')).json()).events;
        return listed.length === expected ? listed : null;
      });
      site.connect.cancel();
      return events.map((e: { payload: object }) => e.payload);
    };
    await connectAs({ M: 'malignant' }, 1);
    await connectAs({ M: 'malignant' }, 1);
    await connectAs({ M: 'malignant', Mal: 'malignant' }, 2);
    expect(await connectAs(null, 3)).toEqual([
      { labelMap: { M: 'malignant' }, previous: null },
      { labelMap: { M: 'malignant', Mal: 'malignant' }, previous: { M: 'malignant' } },
      { labelMap: null, previous: { M: 'malignant', Mal: 'malignant' } },
    ]);
  });

  it('numbers withheld terms by count, and shares them only with consent', () => {
    expect(withheldTerms({ unsure: 3, '?': 9, ambiguous: 3, rare: null })).toEqual({ 'term-1': 9, 'term-2': 3, 'term-3': 3, 'term-4': null });
    const profile = JSON.parse(profileOf(null)) as DataProfile;
    profile.labels.unmapped = { dudoso: 5 };
    expect(sharedProfile(profile, { minCellSize: 5 }, { M: 'malignant' }, false).labels.unmapped).toEqual({ 'term-1': 5 });
    expect(sharedProfile(profile, { minCellSize: 5 }, { M: 'malignant' }, false).vocabulary).toBeUndefined();
    expect(sharedProfile(profile, { minCellSize: 5 }, { M: 'malignant' }, true)).toMatchObject({
      labels: { unmapped: { dudoso: 5 } },
      vocabulary: { labelMap: { M: 'malignant' } },
    });
  });
});
