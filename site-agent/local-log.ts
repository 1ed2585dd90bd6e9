import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

/**
 * The site's own append-only record of everything it sent (JSON lines), so
 * hospital IT can see exactly what left the building and what the
 * coordinator answered.
 */
export class LocalLog {
  constructor(readonly file: string) {}

  static inStateDir(stateDir: string): LocalLog {
    return new LocalLog(path.join(stateDir, 'sent.jsonl'));
  }

  async append(entry: Record<string, unknown>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify({ at: new Date().toISOString(), ...entry }) + '\n');
  }
}
