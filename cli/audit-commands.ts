import { createPublicKey } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { AuditRecord } from '../coordinator/domain/audit-chain.js';
import { verifyRecords, type AuditVerdict } from '../coordinator/services/audit-log.js';
import { RestClient } from './rest-client.js';

/** Every event the coordinator returns for the filter, page after page, in sequence order. */
export async function fetchAudit(rest: RestClient, filter: { run?: string }): Promise<AuditRecord[]> {
  const events: AuditRecord[] = [];
  let after = 0;
  for (;;) {
    const params = new URLSearchParams({ limit: '1000', after: String(after), ...(filter.run ? { run: filter.run } : {}) });
    const page = await rest.request<{ events: AuditRecord[]; next: number | null }>('GET', `/api/audit?${params}`);
    events.push(...page.events);
    if (page.next === null) return events;
    after = page.next;
  }
}

/** `consilium audit export`: JSON lines, one event each, as the chain stores them. */
export async function exportAudit(coordinatorUrl: string, run: string | undefined, out: string | undefined): Promise<string> {
  const events = await fetchAudit(new RestClient(coordinatorUrl), { run });
  const text = events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
  if (out) await writeFile(out, text);
  return out ? `wrote ${events.length} events to ${out}` : text;
}

/**
 * `consilium audit verify`: against the live coordinator (it recomputes the
 * whole chain), or offline against an exported file of the whole chain and
 * the coordinator's public key.
 */
export async function verifyAudit(options: { coordinatorUrl: string; file?: string; key?: string }): Promise<{ verdict: AuditVerdict; text: string }> {
  let verdict: AuditVerdict;
  if (options.file) {
    if (!options.key) throw new Error('--file needs --key: the coordinator public key PEM (GET /api/audit/key)');
    const records = (await readFile(options.file, 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as AuditRecord);
    verdict = verifyRecords(records, createPublicKey(await readFile(options.key)));
  } else {
    verdict = await new RestClient(options.coordinatorUrl).request<AuditVerdict>('GET', '/api/audit/verify');
  }
  const text = verdict.ok
    ? `audit chain verified: ${verdict.events} events${verdict.head ? `, head ${verdict.head.seq} ${verdict.head.hash}` : ''}, ${verdict.checkpoints ?? 0} signed checkpoints`
    : `audit chain BROKEN at event ${verdict.seq}: ${verdict.reason}`;
  return { verdict, text };
}
