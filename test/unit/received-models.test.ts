import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { sha256Hex } from '../../common/hashing.js';
import type { TaskOrder } from '../../common/task-order.js';
import { ReceivedModels } from '../../site-agent/received-models.js';

function received(runId: string, round: number): { task: TaskOrder; container: Uint8Array } {
  const container = new TextEncoder().encode(`${runId} weights after round ${round}`);
  const task = {
    runId,
    round,
    modelVersionId: `${runId}-v${round}`,
    modelSha256: sha256Hex(container),
    modelTopologyJson: '{}',
    classes: ['no', 'yes'],
    preprocessing: { normalization: 'auto', standardize: 'none' },
    sharedTensors: [],
  } as Partial<TaskOrder> as TaskOrder;
  return { task, container };
}

const at = (minute: number): Date => new Date(Date.UTC(2026, 10, 30, 9, minute));

describe("a site's received models", () => {
  it('keeps the newest two of each run, deletes the older containers, and picks the newest or the one a version prefix names', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-models-'));
    const models = new ReceivedModels(root, 2);
    for (const round of [1, 2, 3]) {
      const { task, container } = received('run-a', round);
      await models.keep(task, container, at(round));
    }
    const other = received('run-b', 1);
    await models.keep(other.task, other.container, at(4));
    expect(models.list('run-a').map((m) => m.modelVersionId)).toEqual(['run-a-v2', 'run-a-v3']);
    expect(models.list().map((m) => m.modelVersionId)).toEqual(['run-a-v2', 'run-a-v3', 'run-b-v1']);
    expect(existsSync(path.join(root, `${received('run-a', 1).task.modelSha256}.bin`))).toBe(false);
    expect(models.pick('run-a').modelVersionId).toBe('run-a-v3');
    expect(models.pick('run-a', 'run-a-v2').round).toBe(2);
    const v2 = received('run-a', 2);
    expect(models.pick('run-a', v2.task.modelSha256.slice(0, 10)).modelVersionId).toBe('run-a-v2');
    expect(new TextDecoder().decode(await models.container(models.pick('run-a', 'run-a-v2')))).toBe('run-a weights after round 2');
  });

  it('says what it holds when a version is not there, and refuses a container changed on disk', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-models-'));
    const models = new ReceivedModels(root, 2);
    expect(() => models.pick('run-x')).toThrow('this site holds no model of run run-x');
    const { task, container } = received('run-a', 1);
    await models.keep(task, container, at(1));
    expect(() => models.pick('run-a', 'nope')).toThrow(
      `--version nope names no model of run run-a held here; held: run-a-v1 (round 1, sha256 ${task.modelSha256.slice(0, 12)}…)`,
    );
    writeFileSync(path.join(root, `${task.modelSha256}.bin`), 'tampered');
    await expect(models.container(models.pick('run-a'))).rejects.toThrow(`no longer hashes to ${task.modelSha256}`);
  });

  it('keeps nothing with keepModels 0', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-models-'));
    const { task, container } = received('run-a', 1);
    await new ReceivedModels(root, 0).keep(task, container, at(1));
    expect(readdirSync(root)).toEqual([]);
  });
});
