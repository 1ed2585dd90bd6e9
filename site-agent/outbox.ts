import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { consilium } from '../proto/gen/consilium.js';

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
  async save(taskId: string, header: consilium.v1.IUpdateHeader, container: Uint8Array): Promise<void> {
    const f = this.files(taskId);
    await mkdir(this.root, { recursive: true });
    await writeFile(f.container, container);
    await writeFile(`${f.header}.tmp`, JSON.stringify(header));
    await rename(`${f.header}.tmp`, f.header);
  }

  async load(taskId: string): Promise<{ header: consilium.v1.IUpdateHeader; container: Buffer } | null> {
    const f = this.files(taskId);
    try {
      const header = JSON.parse(await readFile(f.header, 'utf8')) as consilium.v1.IUpdateHeader;
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
