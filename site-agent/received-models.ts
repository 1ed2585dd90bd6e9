import { existsSync, readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError } from '../common/errors.js';
import { sha256Hex } from '../common/hashing.js';
import type { Preprocessing } from '../common/preprocessing.schema.js';
import { replaceFile } from '../common/replace-file.js';
import type { TaskOrder } from '../common/task-order.js';

/** A global model version this site received with a task, kept for local use (pre-annotation, label screening). */
export interface ReceivedModel {
  runId: string;
  round: number;
  modelVersionId: string;
  sha256: string;
  bytes: number;
  topologyJson: string;
  classes: string[];
  preprocessing: Preprocessing;
  /** Tensors the run shared; the others are this site's own (FedBN) and come from its local store. */
  sharedTensors: string[];
  receivedAt: string;
}

/**
 * The global models a site has received, under `<stateDir>/models`: each
 * container by its SHA-256, and an index saying which run and round sent it
 * and how to feed it. The newest `keepPerRun` of each run are kept (the last
 * is the final model, sent with the closing evaluation); older ones are
 * deleted as new ones arrive. Nothing here leaves the site.
 */
export class ReceivedModels {
  private readonly index: string;

  constructor(
    private readonly root: string,
    private readonly keepPerRun: number,
  ) {
    this.index = path.join(root, 'index.json');
  }

  static inStateDir(stateDir: string, keepPerRun: number): ReceivedModels {
    return new ReceivedModels(path.join(stateDir, 'models'), keepPerRun);
  }

  list(runId?: string): ReceivedModel[] {
    const all = existsSync(this.index) ? (JSON.parse(readFileSync(this.index, 'utf8')) as ReceivedModel[]) : [];
    return runId === undefined ? all : all.filter((m) => m.runId === runId);
  }

  /** Keeps the task's model (the container first, then the index entry that names it); a model already kept is noted again, not copied. */
  async keep(task: TaskOrder, container: Uint8Array, now: Date): Promise<void> {
    if (this.keepPerRun === 0) return;
    const file = this.fileOf(task.modelSha256);
    if (!existsSync(file)) await replaceFile(file, container);
    const entry: ReceivedModel = {
      runId: task.runId,
      round: task.round,
      modelVersionId: task.modelVersionId,
      sha256: task.modelSha256,
      bytes: container.length,
      topologyJson: task.modelTopologyJson,
      classes: task.classes,
      preprocessing: task.preprocessing,
      sharedTensors: task.sharedTensors,
      receivedAt: now.toISOString(),
    };
    const others = this.list().filter((m) => m.modelVersionId !== task.modelVersionId);
    const ofRun = [...others.filter((m) => m.runId === task.runId), entry].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    const dropped = ofRun.slice(0, Math.max(0, ofRun.length - this.keepPerRun));
    const kept = [...others.filter((m) => !dropped.includes(m)), ...(dropped.includes(entry) ? [] : [entry])];
    await replaceFile(this.index, JSON.stringify(kept, null, 2));
    // A container goes once no kept entry names it (two runs may share an initial model).
    for (const sha256 of new Set(dropped.map((m) => m.sha256))) {
      if (!kept.some((m) => m.sha256 === sha256)) await rm(this.fileOf(sha256), { force: true });
    }
  }

  /**
   * The model to use for a run: the one whose version id or SHA-256 starts with `version`, or the newest received.
   * The error lists what this site holds, so the fix is in it.
   */
  pick(runId: string, version?: string): ReceivedModel {
    const held = this.list(runId).sort((a, b) => b.receivedAt.localeCompare(a.receivedAt));
    const listing = held.map((m) => `${m.modelVersionId} (round ${m.round}, sha256 ${m.sha256.slice(0, 12)}…)`).join('; ');
    if (held.length === 0) {
      throw new ConsiliumError(
        'NOT_FOUND',
        `this site holds no model of run ${runId}: models are kept as tasks bring them (site.yaml keepModels), so the run must have sent this site a task`,
      );
    }
    if (version === undefined) return held[0]!;
    const matches = held.filter((m) => m.modelVersionId.startsWith(version) || m.sha256.startsWith(version));
    if (matches.length !== 1) {
      throw new ConsiliumError(
        matches.length === 0 ? 'NOT_FOUND' : 'INVALID_ARGUMENT',
        `--version ${version} ${matches.length === 0 ? 'names no' : 'names more than one'} model of run ${runId} held here; held: ${listing}`,
      );
    }
    return matches[0]!;
  }

  /** The model's container, checked against its SHA-256 (a file changed on disk is not used). */
  async container(model: ReceivedModel): Promise<Uint8Array> {
    const data = await readFile(this.fileOf(model.sha256));
    if (sha256Hex(data) !== model.sha256) {
      throw new ConsiliumError(
        'FAILED_PRECONDITION',
        `${this.fileOf(model.sha256)} no longer hashes to ${model.sha256}; it changed on disk since it was received`,
      );
    }
    return data;
  }

  private fileOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ConsiliumError('INVALID_ARGUMENT', `"${sha256}" is not a SHA-256`);
    return path.join(this.root, `${sha256}.bin`);
  }
}
