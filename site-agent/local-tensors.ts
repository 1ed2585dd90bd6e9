import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { ConsiliumError } from '../common/errors.js';
import { replaceFile } from '../common/replace-file.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../common/tensor-codec.js';

/**
 * Tensors that stay at this site for a run (FedBN's batch normalization),
 * one container file per run under the agent's state folder, replaced
 * atomically so a crash mid-write keeps the previous round's values.
 */
export class LocalTensorStore {
  constructor(private readonly root: string) {}

  static inStateDir(stateDir: string): LocalTensorStore {
    return new LocalTensorStore(path.join(stateDir, 'local-tensors'));
  }

  private fileOf(runId: string): string {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(runId)) throw new ConsiliumError('INVALID_ARGUMENT', `run id "${runId}" cannot name a local file`);
    return path.join(this.root, `${runId}.tensors`);
  }

  async load(runId: string): Promise<NamedTensor[] | null> {
    try {
      return decodeTensors(await readFile(this.fileOf(runId)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async save(runId: string, tensors: readonly NamedTensor[]): Promise<void> {
    await replaceFile(this.fileOf(runId), encodeTensors(tensors, 'float32'));
  }
}
