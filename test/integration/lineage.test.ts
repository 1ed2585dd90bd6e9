import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Hex } from '../../common/hashing.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { CONSILIUM_VERSION } from '../../common/version.js';
import type { RunningCoordinator } from '../../coordinator/main.js';
import type { consilium } from '../../proto/gen/consilium.js';
import { api, postJson, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit } from '../support/grpc-site.js';

describe('model lineage and PROV export', () => {
  let coordinator: RunningCoordinator;
  let site: ReturnType<typeof connectSite>;
  let runId: string;
  const accepted: string[] = [];
  const rejected: string[] = [];

  beforeAll(async () => {
    coordinator = await testCoordinator();
    await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'site-a' });
    site = await connectSite(coordinator, 'site-a');
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['site-a']), rounds: 3 });
    runId = created.body.id;
    // Three rounds, each with one rejected (wrong shape) and one accepted update.
    for (let round = 1; round <= 3; round++) {
      const task: consilium.v1.TaskAssignment = await waitFor(async () => site.tasks.find((t) => t.round === round));
      const global = decodeTensors(await fetchModel(site.client, site.metadata, task.modelVersionId, 0));
      const send = async (delta: NamedTensor[]) => {
        const container = encodeTensors(delta);
        return submit(
          site.client,
          site.metadata,
          {
            taskId: task.taskId,
            runId,
            round,
            sampleCount: 10 + round,
            metrics: { train_loss: 1 / round },
            encoding: 'float32',
            totalBytes: container.length,
            sha256: sha256Hex(container),
            baseModelVersionId: task.modelVersionId,
          },
          container,
        );
      };
      rejected.push((await send([global[0]!])).updateId);
      accepted.push((await send(global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(0.01 * round) })))).updateId);
    }
    await waitFor(async () => ((await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json()).run.completedRounds === 3 ? true : null));
  });
  afterAll(async () => {
    site?.connect.cancel();
    await coordinator?.close();
  });

  it('lists exactly the accepted updates of every round, and no rejected one', async () => {
    const details = await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json();
    const lineage = await (await api(`${coordinator.httpUrl}/api/models/${details.run.latestModelVersionId}/lineage`)).json();
    expect(lineage.ancestry.map((v: { round: number }) => v.round)).toEqual([0, 1, 2, 3]);
    expect(lineage.ancestry.map((v: { contributors: { updateId: string }[] }) => v.contributors.map((c) => c.updateId))).toEqual([
      [],
      [accepted[0]],
      [accepted[1]],
      [accepted[2]],
    ]);
    expect(lineage.model.contributors[0]).toMatchObject({ siteId: 'site-a', sampleCount: 13, round: 3, metrics: { train_loss: 1 / 3 } });
    expect(lineage.model.strategy).toBe('fedavg');
    expect(lineage.run).toMatchObject({ id: runId, rounds: 3, strategy: { name: 'fedavg' } });
    expect(lineage.software.consilium).toBe(CONSILIUM_VERSION);
    const text = JSON.stringify(lineage);
    for (const id of rejected) expect(text).not.toContain(id);
  });

  it('exports W3C PROV-JSON with every record kind, referring only to ids it defines', async () => {
    const details = await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json();
    const prov = await (await api(`${coordinator.httpUrl}/api/models/${details.run.latestModelVersionId}/lineage?format=prov`)).json();
    for (const kind of ['entity', 'activity', 'agent', 'wasGeneratedBy', 'used', 'wasAssociatedWith', 'wasDerivedFrom'])
      expect(Object.keys(prov[kind]).length, kind).toBeGreaterThan(0);
    const defined = new Set([...Object.keys(prov.entity), ...Object.keys(prov.activity), ...Object.keys(prov.agent)]);
    const references = ['wasGeneratedBy', 'used', 'wasAssociatedWith', 'wasDerivedFrom', 'wasAttributedTo'].flatMap((kind) =>
      Object.values(prov[kind] as Record<string, Record<string, string>>).flatMap((r) => Object.values(r)),
    );
    expect(references.filter((id) => !defined.has(id))).toEqual([]);
    expect(
      Object.keys(prov.entity)
        .filter((id) => id.startsWith('consilium:update/'))
        .sort(),
    ).toEqual(accepted.map((id) => `consilium:update/${id}`).sort());
    expect(Object.keys(prov.activity)).toHaveLength(3);
    expect((await api(`${coordinator.httpUrl}/api/models/${details.run.latestModelVersionId}/lineage?format=xml`)).status).toBe(400);
    expect((await api(`${coordinator.httpUrl}/api/models/no-such-model/lineage`)).status).toBe(404);
  });

  it('keeps the version constant equal to package.json', () => {
    expect(CONSILIUM_VERSION).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});
