import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';

import { Clock } from '../common/clock.js';
import type { LogFields } from '../common/log.js';
import type { AgentLogger } from './task/task-deps.js';

/**
 * The site's own append-only record of everything it sent (JSON lines), so
 * hospital IT can see exactly what left the building and what the
 * coordinator answered. Each entry also goes to the agent's log as one line
 * (what, for which run, round and task, how many bytes, its SHA-256), so a
 * log collector sees outbound traffic without reading the state directory.
 */
export class LocalLog {
  constructor(
    readonly file: string,
    private readonly clock = new Clock(),
    private readonly logger?: AgentLogger,
  ) {}

  static inStateDir(stateDir: string, clock?: Clock, logger?: AgentLogger): LocalLog {
    return new LocalLog(path.join(stateDir, 'sent.jsonl'), clock, logger);
  }

  async append(entry: Record<string, unknown>): Promise<void> {
    const at = this.clock.iso();
    await mkdir(path.dirname(this.file), { recursive: true });
    await appendFile(this.file, JSON.stringify({ at, ...entry }) + '\n');
    this.logger?.info(`sent to the coordinator: ${String(entry['kind'])}`, { ...sentFields(entry), sentAt: at, record: this.file });
  }
}

/** The ids and sizes of an entry, for the log line; the entry itself (profiles, metrics) stays in the site's file. */
function sentFields(entry: Record<string, unknown>): LogFields {
  const fields: Record<string, unknown> = {};
  for (const key of ['runId', 'round', 'taskId', 'state', 'sampleCount', 'totalBytes', 'sha256', 'encoding'] as const) {
    if (entry[key] !== undefined) fields[key] = entry[key];
  }
  const local = entry['localTensors'] as { bytes?: number; sha256?: string } | undefined;
  if (local?.bytes !== undefined) fields['localTensorBytes'] = local.bytes;
  const receipt = entry['receipt'] as { accepted?: boolean; auditSeq?: number } | undefined;
  if (receipt) fields['accepted'] = receipt.accepted;
  return fields;
}
