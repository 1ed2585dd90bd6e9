import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ConsiliumError } from '../../common/errors.js';
import { type DicomWebDataConfig, dicomWebDataSchema } from '../../site-agent/config/dicomweb-config.js';
import { DicomWebSource } from '../../site-agent/data/dicomweb/dicomweb.source.js';
import { LabelVocabulary } from '../../site-agent/data/label-vocabulary.js';
import { profileDataset } from '../../site-agent/profile/data-profile.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { api, postJson, type TestCoordinator, testCoordinator, waitRunEnd } from '../support/coordinator.js';
import { writeTestDicom } from '../support/dicom-writer.js';
import { FaultyPacsProxy, storeInPacs, testPacs } from '../support/orthanc.js';

const pacs = testPacs();
const datasets = process.env['CONSILIUM_DATASETS'];

/** A run's own UID root and study-description tag, so tests sharing one PACS never see each other's studies. */
const run = `${Date.now() % 1e9}.${randomInt(1e6)}`;
const tag = `consilium-${run}`;

interface Study {
  n: number;
  modality: 'CT' | 'MR';
  bodyPart: string;
  date: string;
  instances: number;
}

/** Study n: its UIDs, accession number A<n>, 8×8 images bright on the left (odd n, "bright") or on the right ("dark"). */
function studyFiles(study: Study, first = 0, description = tag): Buffer[] {
  return Array.from({ length: study.instances }, (_, i) =>
    writeTestDicom({
      sopInstanceUid: `1.2.826.0.1.3680043.9.7.${run}.${study.n}.${first + i + 1}`,
      seriesInstanceUid: `1.2.826.0.1.3680043.9.7.${run}.${study.n}`,
      studyInstanceUid: `1.2.826.0.1.3680043.9.7.${run}.${study.n}.0`,
      accessionNumber: `A${study.n}`,
      studyDate: study.date,
      studyDescription: `${description} study ${study.n}`,
      bodyPartExamined: study.bodyPart,
      patientId: `P${study.n}`,
      patientName: `Test^Patient${study.n}`,
      modality: study.modality,
      manufacturer: 'Acme',
      rows: 8,
      columns: 8,
      pixels: Uint16Array.from({ length: 64 }, (_, p) => (p % 8 < 4 === (study.n % 2 === 1) ? 3000 : 100 + i)),
    }),
  );
}

const STUDIES: Study[] = [
  { n: 1, modality: 'CT', bodyPart: 'CHEST', date: '20240110', instances: 3 },
  { n: 2, modality: 'CT', bodyPart: 'CHEST', date: '20240420', instances: 3 },
  { n: 3, modality: 'CT', bodyPart: 'HEAD', date: '20240701', instances: 2 },
  { n: 4, modality: 'MR', bodyPart: 'CHEST', date: '20240301', instances: 2 },
];

describe.skipIf(!pacs)('DICOMweb source against a real Orthanc', () => {
  let root: string;
  let proxy: FaultyPacsProxy;

  const config = (
    patch: Partial<DicomWebDataConfig> & { query?: DicomWebDataConfig['query'] } = {},
    cache = 'cache',
  ): DicomWebDataConfig & { cacheDir: string } => ({
    ...dicomWebDataSchema.parse({
      kind: 'dicomweb',
      url: `${proxy.url}/dicom-web`,
      auth: { kind: 'basic', username: pacs!.user, passwordFile: path.join(root, 'pacs-password') },
      query: { studyDescription: `${tag}*` },
      labels: path.join(root, 'labels.csv'),
      keyBy: 'accessionNumber',
      retries: 2,
      timeoutSeconds: 2,
      ...patch,
    }),
    cacheDir: path.join(root, cache),
  });
  /** A source whose retries wait 10 ms, not seconds. */
  const source = (c: DicomWebDataConfig & { cacheDir: string }) => new DicomWebSource(c, undefined, null, { backoffMs: 10 });

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'consilium-dicomweb-'));
    await writeFile(path.join(root, 'pacs-password'), `${pacs!.password}\n`);
    await writeFile(path.join(root, 'labels.csv'), 'key,label\nA1,bright\nA2,dark\nA3,bright\nA4,dark\n');
    for (const study of STUDIES) for (const file of studyFiles(study)) expect((await storeInPacs(pacs!, file)).status).toBe(200);
    proxy = await new FaultyPacsProxy(pacs!.url).start();
  });
  afterAll(async () => {
    await proxy?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('finds the query’s instances with QIDO-RS, retrieves them with WADO-RS, joins labels by accession number, and states the query', async () => {
    const dicomweb = source(config({ query: { studyDescription: `${tag}*`, modality: 'CT', bodyPart: 'CHEST' } }));
    const scan = await dicomweb.scan();
    expect(scan.skipped).toEqual([]);
    expect(scan.samples.map((s) => s.label).sort()).toEqual(['bright', 'bright', 'bright', 'dark', 'dark', 'dark']);
    // Three CT studies match; the HEAD study's series does not.
    expect(dicomweb.lastScan()).toEqual({ studies: 3, series: 2, instances: 6, fetched: 6, fetchedBytes: expect.any(Number), cachedBytes: expect.any(Number) });
    expect((await readdir(path.join(root, 'cache'))).length).toBe(6);
    const profile = await profileDataset(dicomweb, scan, new LabelVocabulary({ bright: 'bright', dark: 'dark' }));
    expect(profile.datasetKind).toBe('dicomweb');
    expect(profile.pacsSelection).toEqual({
      modality: 'CT',
      bodyPart: 'CHEST',
      studyDateFrom: null,
      studyDateTo: null,
      studyDescription: `${tag}*`,
      accessionList: false,
    });
    expect(profile.dicom.modality).toEqual({ CT: 6 });
    expect(profile.labels.counts).toEqual({ bright: 3, dark: 3 });
    const decoded = await dicomweb.decode(scan.samples, [8, 8, 1]);
    expect(decoded.skipped).toEqual([]);
    expect(decoded.samples).toHaveLength(6);
  });

  it('re-scans incrementally: only new instances are fetched, and a narrower query (dates, accession list) selects from the same cache', async () => {
    // A first limit of 2: the three studies and the series of four instances each take a second, doubled request.
    const c = config({ query: { studyDescription: `${tag}*`, modality: 'CT' }, pageSize: 2 });
    const first = source(c);
    await first.scan();
    expect(first.lastScan()?.fetched).toBe(2); // study 3 (HEAD); the CHEST ones are cached
    for (const file of studyFiles(STUDIES[0]!, 10).slice(0, 2)) await storeInPacs(pacs!, file);
    proxy.requests.length = 0;
    const again = source(c);
    const scan = await again.scan();
    expect(again.lastScan()).toMatchObject({ studies: 3, series: 3, instances: 10, fetched: 2 });
    expect(proxy.requests.filter((r) => r.includes('/instances/'))).toHaveLength(2);
    expect(scan.samples).toHaveLength(10);

    const dated = source(config({ query: { studyDescription: `${tag}*`, studyDate: { from: '20240101', to: '20240430' } } }));
    expect((await dated.scan()).samples.map((s) => s.label).sort()).toEqual([
      'bright',
      'bright',
      'bright',
      'bright',
      'bright',
      'dark',
      'dark',
      'dark',
      'dark',
      'dark',
    ]);
    expect(dated.lastScan()).toMatchObject({ studies: 3, fetched: 2 }); // studies 1, 2 and the MR study 4

    await writeFile(path.join(root, 'accessions.csv'), 'accession\nA2\nA4\n');
    const listed = source(
      config({ query: { studyDescription: `${tag}*`, accessionNumbers: { file: path.join(root, 'accessions.csv'), column: 'accession' } } }),
    );
    const listedScan = await listed.scan();
    expect([listed.lastScan()?.studies, listedScan.samples.length, listed.lastScan()?.fetched]).toEqual([2, 5, 0]);
    expect(listed.selection?.()).toMatchObject({ accessionList: true });
  });

  it('retries a PACS that is down, busy, slow, truncated or malformed, and then succeeds without a half-written file', async () => {
    const c = config({ query: { studyDescription: `${tag}*`, modality: 'MR' } }, 'cache-faults');
    proxy.faults = ['down', 'http-503', 'slow', 'truncated', 'malformed'];
    proxy.stallMs = 3_000; // past the 2 s timeout
    const dicomweb = source({ ...c, concurrency: 1, retries: 5 });
    const scan = await dicomweb.scan();
    expect(proxy.faults).toEqual([]);
    expect(scan.samples).toHaveLength(2);
    expect((await readdir(c.cacheDir)).sort()).toEqual(scan.samples.map((s) => s.id).sort());
  });

  it('gives up on a PACS that stays broken with a clear error, keeping what it had stored and no partial file', async () => {
    const c = config({ query: { studyDescription: `${tag}*`, modality: 'CT', bodyPart: 'HEAD' } }, 'cache-broken');
    for (const [fault, message] of [
      ['http-503', /QIDO-RS \/studies failed 3 times, last: HTTP 503 \(raise data.retries or data.timeoutSeconds, or check the PACS\)/],
      ['down', /failed 3 times, last: /],
    ] as const) {
      proxy.always = fault;
      const error = await source(c)
        .scan()
        .catch((e: unknown) => e);
      proxy.always = 'none';
      expect(error).toBeInstanceOf(ConsiliumError);
      expect((error as ConsiliumError).code).toBe('UNAVAILABLE');
      expect((error as ConsiliumError).message).toMatch(message);
    }
    // QIDO answers, but every retrieval is mangled: the scan fails naming it, and the cache holds nothing partial.
    const dicomweb = source(c);
    proxy.matching = /\/instances\/[0-9.]+$/;
    proxy.always = 'malformed';
    const failed = await dicomweb.scan().catch((e: unknown) => e);
    proxy.always = 'none';
    proxy.matching = /(?:)/;
    expect((failed as Error).message).toMatch(/WADO-RS .* failed 3 times, last: malformed multipart/);
    expect(await readdir(c.cacheDir)).toEqual([]);
    // Healed, the next scan stores both.
    expect((await source(c).scan()).samples).toHaveLength(2);
  });

  it('refuses an answer the PACS says it cut short, naming the query', async () => {
    proxy.faults = ['capped'];
    await expect(source(config()).scan()).rejects.toThrow(/the PACS cut the answer to \/studies short \(.*exceeded the maximum.*\); narrow data.query/);
    proxy.faults = [];
  });

  it('names data.auth when the PACS refuses the password', async () => {
    await writeFile(path.join(root, 'wrong-password'), 'not-it');
    const c = config({ auth: { kind: 'basic', username: pacs!.user, passwordFile: path.join(root, 'wrong-password') } });
    await expect(source(c).scan()).rejects.toThrow(/refused \/studies\?.* with HTTP 401; check data.auth/);
  });

  it('keeps the cache within its budget: unselected instances go first, a selection over budget is refused', async () => {
    const small = config({ query: { studyDescription: `${tag}*`, modality: 'MR' } }, 'cache-budget');
    const mr = source(small);
    await mr.scan();
    const perFile = mr.lastScan()!.cachedBytes / 2;
    // Room for three files: the two CT HEAD instances evict one MR instance (not selected), never a selected one.
    const budget = (3.5 * perFile) / 2 ** 30;
    const head = source({ ...config({ query: { studyDescription: `${tag}*`, bodyPart: 'HEAD' } }, 'cache-budget'), cache: { maxGigabytes: budget } });
    const scan = await head.scan();
    expect(scan.samples).toHaveLength(2);
    expect((await readdir(small.cacheDir)).length).toBe(3);
    const all = source({ ...config({}, 'cache-budget'), cache: { maxGigabytes: budget } });
    await expect(all.scan()).rejects.toThrow(/need more than the DICOMweb cache's .* GB: raise data.cache.maxGigabytes or narrow data.query/);
    expect((await readdir(small.cacheDir)).every((f) => f.endsWith('.dcm'))).toBe(true);
  });

  it.runIf(datasets)('serves the real DICOM files through the PACS with the headers they have on disk', async () => {
    const names = ['CT_small.dcm', 'MR_small.dcm', 'MR_small_RLE.dcm', 'SC_rgb_rle.dcm', 'JPEG-lossy.dcm'];
    for (const name of names) {
      const file = path.join(datasets!, 'dicom', name);
      if (!existsSync(file)) throw new Error(`CONSILIUM_DATASETS is set but ${file} is missing`);
      expect((await storeInPacs(pacs!, readFileSync(file))).status).toBe(200);
    }
    // CT_small is of study date 2004-01-19 and its study has no description: a date range selects it.
    const c = config({ query: { modality: 'CT', studyDate: { from: '20040119', to: '20040119' } }, keyBy: 'sopInstanceUid' }, 'cache-real');
    const scan = await source(c).scan();
    expect(scan).toMatchObject({ samples: [{ id: '1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322.dcm', meta: { modality: 'CT', height: 128, width: 128 } }] });
  });
});

describe.skipIf(!pacs)('a site agent training straight from the PACS', () => {
  let coordinator: TestCoordinator;
  let site: AgentSite | null = null;
  const trainTag = `${tag}-train`;

  beforeAll(async () => {
    coordinator = await testCoordinator();
    // Eight studies of five CT images each, bright or dark, labelled by accession number in the site's CSV.
    for (let n = 11; n <= 18; n++)
      for (const file of studyFiles({ n, modality: 'CT', bodyPart: 'CHEST', date: '20250105', instances: 5 }, 0, trainTag))
        expect((await storeInPacs(pacs!, file)).status).toBe(200);
  });
  afterAll(async () => {
    site?.agent.stop();
    await site?.running;
    await coordinator?.close();
  });

  it('scans the PACS selection, trains on it over two rounds, and the coordinator sees the query in its profile', async () => {
    const labels = ['key,label', ...Array.from({ length: 8 }, (_, i) => `A${11 + i},${(11 + i) % 2 === 1 ? 'bright' : 'dark'}`)].join('\n');
    site = await startAgentSite(
      coordinator,
      'pacs-site',
      { 'labels.csv': labels, 'pacs-password': pacs!.password },
      {
        validationFraction: 0.25,
        data: {
          kind: 'dicomweb',
          url: `${pacs!.url}/dicom-web`,
          auth: { kind: 'basic', username: pacs!.user, passwordFile: './pacs-password' },
          query: { modality: 'CT', studyDescription: `${trainTag}*` },
          labels: './labels.csv',
          keyBy: 'accessionNumber',
        },
      },
    );
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, {
      name: 'from the PACS',
      classes: ['bright', 'dark'],
      rounds: 2,
      localEpochs: 5,
      batchSize: 8,
      optimizer: { name: 'adam', learningRate: 0.05 },
      sites: ['pacs-site'],
      roundDeadlineSeconds: 60,
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Flatten', config: { input_shape: [8, 8, 1] } },
            { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
          ],
        },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const done = await waitRunEnd(coordinator, created.body.id, 60_000);
    expect([done.run.status, done.run.error]).toEqual(['completed', null]);
    expect(done.rounds.at(-1).metrics['val_accuracy']).toBe(1);
    const profile = (await (await api(`${coordinator.httpUrl}/api/sites/pacs-site/profiles`)).json()).profiles[0].profile;
    expect([profile.datasetKind, profile.samples, profile.pacsSelection]).toEqual([
      'dicomweb',
      40,
      { modality: 'CT', bodyPart: null, studyDateFrom: null, studyDateTo: null, studyDescription: `${trainTag}*`, accessionList: false },
    ]);
  });
});
