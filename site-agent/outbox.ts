import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { z } from 'zod';

import type { UpdateHeader } from '../common/task-order.js';

/** An outbox header as written by save(); anything else on disk is not this agent's and is not sent. */
const storedHeader = z.object({
  taskId: z.string().min(1),
  runId: z.string().min(1),
  round: z.number().int().positive(),
  sampleCount: z.number().int().nonnegative(),
  metrics: z.record(z.string(), z.number()),
  encoding: z.string().min(1),
  totalBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  baseModelVersionId: z.string().min(1),
}) satisfies z.ZodType<UpdateHeader>;

/**
 * Updates trained but not yet receipted, in `<stateDir>/outbox`: a header
 * and the container per task. An agent restarted mid-upload finds its update
 * here when the coordinator sends the task again, and resumes the upload
 * instead of training again.
 */
export class Outbox {
  constructor(private readonly root: string) {}

  static inStateDir(stateDir: string): Outbox {
    return new Outbox(path.join(stateDir, 'outbox'));
  }

  private files(taskId: string): { header: string; container: string } {
    const safe = taskId.replace(/[^A-Za-z0-9-]/g, '_');
    return { header: path.join(this.root, `${safe}.json`), container: path.join(this.root, `${safe}.bin`) };
  }

  /** The container first, the header last (renamed into place): a header always has its whole container. */
  async save(taskId: string, header: UpdateHeader, container: Uint8Array): Promise<void> {
    const f = this.files(taskId);
    await mkdir(this.root, { recursive: true });
    await writeFile(f.container, container);
    await writeFile(`${f.header}.tmp`, JSON.stringify(header));
    await rename(`${f.header}.tmp`, f.header);
  }

  async load(taskId: string): Promise<{ header: UpdateHeader; container: Buffer } | null> {
    const f = this.files(taskId);
    try {
      const header = storedHeader.parse(JSON.parse(await readFile(f.header, 'utf8')));
      return { header, container: await readFile(f.container) };
    } catch {
      return null;
    }
  }

  async remove(taskId: string): Promise<void> {
    const f = this.files(taskId);
    await rm(f.header, { force: true });
    await rm(f.container, { force: true });
  }
}
