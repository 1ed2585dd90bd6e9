import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

import { Clock } from '../common/clock.js';

/**
 * The site's own append-only record of everything it sent (JSON lines), so
 * hospital IT can see exactly what left the building and what the
 * coordinator answered.
 */
export class LocalLog {
  constructor(
    readonly file: string,
    private readonly clock = new Clock(),
  ) {}

  static inStateDir(stateDir: string, clock?: Clock): LocalLog {
    return new LocalLog(path.join(stateDir, 'sent.jsonl'), clock);
  }

  async append(entry: Record<string, unknown>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify({ at: this.clock.iso(), ...entry }) + '\n');
  }
}
