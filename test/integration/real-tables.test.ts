import { readFileSync } from 'node:fs';

import { afterAll, describe, expect, it } from 'vitest';

import { CsvSource } from '../../site-agent/data/csv.source.js';
import { type AgentSite, startAgentSite } from '../support/agent-site.js';
import { postJson, type TestCoordinator, testCoordinator, waitRunEnd } from '../support/coordinator.js';
import { datasetFile, datasetsRoot } from '../support/datasets.js';

const root = datasetsRoot;
const file = datasetFile;

describe.runIf(root)('real tables, trained as they are', () => {
  let coordinator: TestCoordinator;
  const sites: AgentSite[] = [];
  afterAll(async () => {
    for (const s of sites) s.agent.stop();
    await Promise.all(sites.map((s) => s.running));
    await coordinator?.close();
  });

  it('reads the WDBC CSV, whose first line is a summary, only when told so', async () => {
    await expect(new CsvSource(file('tabular/wdbc_breast_cancer.csv'), { labelColumn: 'label' }).scan()).rejects.toThrow(
      /^569 of the 569 rows of \S+ have 31 fields, but its header line has 4: that line is not the table's header/,
    );
    const source = new CsvSource(file('tabular/wdbc_breast_cancer.csv'), { labelColumn: 30, header: false, skipLines: 1 });
    const scan = await source.scan();
    expect(scan.samples).toHaveLength(569);
    expect(scan.samples.reduce<Record<string, number>>((c, s) => ({ ...c, [s.label]: (c[s.label] ?? 0) + 1 }), {})).toEqual({ '0': 212, '1': 357 });
    expect(source.featureStatistics().mean[0]).toBeCloseTo(14.127, 3);
  });

  it('trains a federated MLP on the raw Pima table with federated standardisation, fixed from the sites before round 1', async () => {
    coordinator = await testCoordinator();
    // Pima split across three hospitals, row by row.
    const [head, data] = readFileSync(file('tabular/pima_diabetes.arff'), 'utf8').split(/^@data\s*$/im) as [string, string];
    const rows = data.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('%'));
    const ids = ['pima-a', 'pima-b', 'pima-c'];
    for (const [i, siteId] of ids.entries()) {
      const part = rows.filter((_, r) => r % 3 === i);
      sites.push(
        await startAgentSite(coordinator, siteId, { 'pima.arff': `${head}@data\n${part.join('\n')}\n` }, { data: { kind: 'arff', path: './pima.arff' } }),
      );
    }
    const spec = (standardize: string) => ({
      name: `pima-${standardize}`,
      classes: ['tested_negative', 'tested_positive'],
      rounds: 6,
      localEpochs: 4,
      batchSize: 32,
      optimizer: { name: 'adam', learningRate: 0.01 },
      sites: ids,
      roundDeadlineSeconds: 120,
      preprocessing: { standardize },
      model: {
        class_name: 'Sequential',
        config: {
          layers: [
            { class_name: 'Dense', config: { input_shape: [8], units: 16, activation: 'relu' } },
            { class_name: 'Dense', config: { units: 2, activation: 'softmax' } },
          ],
        },
      },
    });
    const accuracy = async (standardize: string) => {
      const created = await postJson(`${coordinator.httpUrl}/api/runs`, spec(standardize));
      expect(created.status).toBe(201);
      const done = await waitRunEnd(coordinator, created.body.id, 180_000);
      expect([done.run.status, done.run.error]).toEqual(['completed', null]);
      return { run: done.run, accuracy: done.rounds.at(-1).metrics.val_accuracy as number };
    };
    const raw = await accuracy('none');
    const federated = await accuracy('federated');
    console.log(`Pima, 3 sites: val accuracy ${raw.accuracy.toFixed(3)} raw, ${federated.accuracy.toFixed(3)} with federated standardisation`);
    expect(federated.run.featureScaling.sites).toEqual(ids);
    expect(federated.run.featureScaling.mean[1]).toBeCloseTo(120.9, 0);
    // Raw, the MLP learns little beyond the majority class (65 % negative); standardized, it reaches what pooled training does.
    expect(federated.accuracy).toBeGreaterThan(0.72);
    expect(federated.accuracy).toBeGreaterThan(raw.accuracy + 0.05);
  }, 400_000);
});
