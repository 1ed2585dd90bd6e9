import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seededNormal, seededRandom } from '../../common/seeded-random.js';
import type { RunningCoordinator } from '../../coordinator/main.js';
import { DicomSource } from '../../site-agent/data/dicom.source.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { guardProfile } from '../../site-agent/profile/privacy-guard.js';
import { api, postJson, testCoordinator, waitFor } from '../support/coordinator.js';
import { writeTestDicom } from '../support/dicom-writer.js';
import { connectSite } from '../support/grpc-site.js';

interface Plant {
  hounsfieldOffset?: number;
  duplicates?: number;
  truncated?: number;
  unmappedLabels?: number;
  missingLabels?: number;
  patientNames?: number;
}

/**
 * One CT site: 30 16×16 slices (soft tissue around 40 HU, a brighter disc in
 * "malignant" ones), labelled by SOP Instance UID, with the planted problems.
 */
async function ctSite(root: string, siteId: string, seed: number, plant: Plant): Promise<string> {
  const folder = path.join(root, siteId);
  await mkdir(folder, { recursive: true });
  const random = seededRandom(seed);
  const normal = seededNormal(seededRandom(seed + 1));
  const rows = ['uid,diagnosis'];
  const slice = (uid: string, malignant: boolean, patientName?: string) => {
    const pixels = new Uint16Array(256);
    for (let i = 0; i < 256; i++) {
      const [y, x] = [Math.floor(i / 16) - 8, (i % 16) - 8];
      const hu = 40 + 25 * normal() + (malignant && x * x + y * y < 16 ? 120 : 0) + (plant.hounsfieldOffset ?? 0);
      pixels[i] = Math.max(0, Math.round(hu + 1024));
    }
    return writeTestDicom({
      sopInstanceUid: uid,
      modality: 'CT',
      manufacturer: siteId === 'site-b' ? 'Acme' : 'Siemens',
      rows: 16,
      columns: 16,
      pixels,
      rescaleIntercept: -1024,
      patientName,
    });
  };
  for (let i = 0; i < 30; i++) {
    const uid = `1.2.826.0.1.${seed}.${i}`;
    const malignant = random() < 0.5;
    const bytes = slice(uid, malignant, i < (plant.patientNames ?? 0) ? 'DOE^JANE' : undefined);
    await writeFile(path.join(folder, `slice-${i}.dcm`), bytes);
    if (i < (plant.duplicates ?? 0)) await writeFile(path.join(folder, `copy-${i}.dcm`), bytes);
    if (i < (plant.truncated ?? 0)) await writeFile(path.join(folder, `broken-${i}.dcm`), bytes.subarray(0, 300));
    const label = i < (plant.missingLabels ?? 0) ? null : i >= 30 - (plant.unmappedLabels ?? 0) ? 'unsure' : malignant ? 'M' : 'B';
    if (label !== null) rows.push(`${uid},${label}`);
  }
  await writeFile(path.join(folder, 'labels.csv'), rows.join('\n'));
  return folder;
}

describe('data quality across a three-site federation', () => {
  let coordinator: RunningCoordinator;
  let root: string;
  const profiles: Record<string, object> = {};
  const sockets: ReturnType<typeof connectSite>[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'consilium-quality-'));
    coordinator = await testCoordinator();
    const plants: Record<string, Plant> = {
      'site-a': { duplicates: 3, truncated: 2, unmappedLabels: 2 },
      'site-b': { hounsfieldOffset: 400 },
      'site-c': { patientNames: 1, missingLabels: 4 },
    };
    for (const [i, [siteId, plant]] of Object.entries(plants).entries()) {
      const folder = await ctSite(root, siteId, 10 + i, plant);
      const source = new DicomSource({
        root: folder,
        labelsFile: path.join(folder, 'labels.csv'),
        keyBy: 'sopInstanceUid',
        keyColumn: 'uid',
        labelColumn: 'diagnosis',
        multiFrame: 'frames',
      });
      // The sites keep UIDs (PS3.15's Retain UIDs option): the planted Patient's Name is all the Basic Profile finds.
      const profile = await profileDataset(source, await source.scan(), new LabelVocabulary({ M: 'malignant', B: 'benign' }), undefined, ['uids']);
      profiles[siteId] = profile;
      await postJson(`${coordinator.httpUrl}/api/sites`, { id: siteId });
      // k = 2: the single identifying file is suppressed on the wire, the other planted counts pass.
      sockets.push(await connectSite(coordinator, siteId, JSON.stringify(guardProfile(profile, { minCellSize: 2 }))));
    }
    await waitFor(async () =>
      (await (await api(`${coordinator.httpUrl}/api/sites`)).json()).sites.filter((s: { online: boolean }) => s.online).length === 3 ? true : null,
    );
  });
  afterAll(async () => {
    for (const s of sockets) s.connect.cancel();
    await coordinator?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('counts each planted problem exactly at the site', () => {
    const a = profiles['site-a'] as Awaited<ReturnType<typeof profileDataset>>;
    const c = profiles['site-c'] as Awaited<ReturnType<typeof profileDataset>>;
    expect(a.duplicates).toEqual({ extraCopies: 3, groups: 3 });
    expect(a.unreadable).toEqual({ truncated: 2 });
    expect(a.labels.unmapped).toEqual({ unsure: 2 });
    expect(c.labels.missing).toBe(4);
    expect(c.deidentification).toEqual({
      filesWithIdentifyingTags: 1,
      byTag: { "Patient's Name": 1 },
      byCategory: { 'patient identity': 1 },
      burnedInAnnotation: 0,
      textInPixels: 0,
      retained: ['uids'],
    });
  });

  it('keeps every reported profile per site and dataset version', async () => {
    const listed = await (await api(`${coordinator.httpUrl}/api/sites/site-c/profiles`)).json();
    expect(listed.profiles).toHaveLength(1);
    expect(listed.profiles[0].fingerprint).toBe((profiles['site-c'] as { fingerprint: string }).fingerprint);
    // On the wire the single identifying file is below k = 2: suppressed, never sent as 1.
    expect(listed.profiles[0].profile.deidentification).toEqual({
      filesWithIdentifyingTags: null,
      byTag: { "Patient's Name": null },
      byCategory: { 'patient identity': null },
      burnedInAnnotation: 0,
      textInPixels: 0,
      retained: ['uids'],
    });
  });

  it('flags the planted problems, and the quality gate leaves out the site with identifying tags', async () => {
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      name: 'gated',
      classes: ['benign', 'malignant'],
      rounds: 1,
      sites: ['site-a', 'site-b', 'site-c'],
      minSites: 2,
      qualityGate: { noIdentifyingTags: true },
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Flatten', config: { input_shape: [16, 16, 1] } },
            { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
          ],
        },
      },
    });
    expect(created.status).toBe(201);
    const details = await waitFor(async () => {
      const d = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}`)).json();
      return d.rounds.length > 0 ? d : null;
    });
    expect(details.rounds[0].tasks.map((t: { siteId: string }) => t.siteId).sort()).toEqual(['site-a', 'site-b']);
    expect(details.run.exclusions.map((e: { siteId: string; reason: string }) => [e.siteId, e.reason])).toEqual([
      ['site-c', "fewer than 2 files carry identifying tags (Patient's Name); qualityGate.noIdentifyingTags"],
    ]);

    const quality = await (await api(`${coordinator.httpUrl}/api/runs/${created.body.id}/data-quality`)).json();
    const flags = Object.fromEntries(
      quality.sites.map((s: { siteId: string; flags: string[] }) => [s.siteId, s.flags.map((f) => f.replace(/ \(JS divergence [^;]*; mean [0-9.]+\)/, ''))]),
    );
    expect(flags).toEqual({
      // 3 copies among 33 readable files, 2 truncated, 2 unmapped, as the coordinator sees them after coarsening to
      // multiples of k = 2: 4 copies among 34, 2 truncated of 36, 2 unmapped of 34.
      'site-a': ['unmapped-label rate 5.9 % > 5 %', 'duplicate rate 11.8 % > 5 %', 'unreadable-file rate 5.6 % > 5 %'],
      'site-b': ['CT intensities differ from the pooled ones: another scanner or protocol?'],
      // 4 of 30 without a label; one identifying file, suppressed below k = 2 on the wire.
      'site-c': ['missing-label rate 13.3 % > 5 %', "fewer than 2 files carry identifying tags (Patient's Name)"],
    });
    const b = quality.sites.find((s: { siteId: string }) => s.siteId === 'site-b');
    expect(b.vendors).toEqual(['Acme']);
    expect(b.intensityDivergence.CT).toBeGreaterThan(0.1);
    expect(quality.exclusions).toHaveLength(1);
  });
});
