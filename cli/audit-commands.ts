import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

import { ConsiliumError } from '../common/errors.js';
import { verifyReceipt } from '../common/receipts.js';
import type { RestClient } from '../common/rest-client.js';
import type { UpdateReceipt } from '../common/task-order.js';
import { type AuditRecord, verifySlice } from '../coordinator/domain/audit-chain.js';
import { type AuditVerdict, verifyRecords } from '../coordinator/services/audit-log.js';
import { loadSiteConfig } from '../site-agent/config/site-config.js';
import { LocalLog } from '../site-agent/local-log.js';

/** Every event the coordinator returns for the filter, page after page, in sequence order. */
export async function fetchAudit(rest: RestClient, filter: { run?: string; site?: string; action?: string }): Promise<AuditRecord[]> {
  const events: AuditRecord[] = [];
  let after = 0;
  for (;;) {
    const params = new URLSearchParams({
      limit: '1000',
      after: String(after),
      ...(filter.run ? { run: filter.run } : {}),
      ...(filter.site ? { site: filter.site } : {}),
      ...(filter.action ? { action: filter.action } : {}),
    });
    const page = await rest.request<{ events: AuditRecord[]; next: number | null }>('GET', `/api/audit?${params}`);
    events.push(...page.events);
    if (page.next === null) return events;
    after = page.next;
  }
}

/**
 * `consilium audit export`: JSON lines, one event each, as the chain stores
 * them. A run's export also carries the checkpoints that signed one of its
 * events (the one at the run's end does), so the slice verifies offline
 * against a signed head.
 */
export async function exportAudit(rest: RestClient, run: string | undefined, out: string | undefined): Promise<string> {
  let events = await fetchAudit(rest, { run });
  if (run) {
    const seqs = new Set(events.map((e) => e.seq));
    const anchors = (await fetchAudit(rest, { action: 'audit.checkpoint' })).filter((c) => seqs.has(Number(c.payload['signedSeq'])));
    events = [...events, ...anchors].sort((a, b) => a.seq - b.seq);
  }
  const text = events.map((e) => JSON.stringify(e)).join('\n') + (events.length ? '\n' : '');
  if (out) await writeFile(out, text);
  return out ? `wrote ${events.length} events to ${out}` : text;
}

/** `consilium audit export --format prov`: the PROV-JSON lineage of the run's latest model version. */
export async function exportProv(rest: RestClient, runId: string, out: string | undefined): Promise<string> {
  // The run's newest model, from the audit trail itself: auditors read the trail and lineage, not the runs API.
  const created = (await fetchAudit(rest, { run: runId })).filter((e) => e.action === 'model.created');
  const latest = created.sort((a, b) => Number(b.payload['round']) - Number(a.payload['round']))[0]?.subjects['modelVersionId'];
  if (!latest) throw new ConsiliumError('NOT_FOUND', `run ${runId} has no model version in the audit trail`);
  const prov = await rest.request<object>('GET', `/api/models/${latest}/lineage?format=prov`);
  const text = JSON.stringify(prov, null, 2);
  if (out) await writeFile(out, text);
  return out ? `wrote the PROV-JSON lineage of model ${latest} to ${out}` : text;
}

/**
 * `consilium audit verify`: against the live coordinator (it recomputes the
 * whole chain), or offline against an exported file and the coordinator's
 * public key: a whole chain (from event 1, no gaps) as a chain, anything
 * else (a run's export) as a slice.
 */
export async function verifyAudit(rest: RestClient, options: { file?: string; key?: string }): Promise<{ verdict: { ok: boolean }; text: string }> {
  if (!options.file) {
    const verdict = await rest.request<AuditVerdict>('GET', '/api/audit/verify');
    return { verdict, text: chainText(verdict) };
  }
  if (!options.key) throw new ConsiliumError('INVALID_ARGUMENT', '--file needs --key: the coordinator public key PEM (consilium audit key --out key.pem)');
  const records = (await readFile(options.file, 'utf8'))
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as AuditRecord);
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey(await readFile(options.key));
  } catch (error) {
    throw new ConsiliumError(
      'INVALID_ARGUMENT',
      `--key ${options.key} is not a PEM public key (${(error as Error).message}); get one with consilium audit key --out key.pem`,
    );
  }
  const whole = records.every((r, i) => r.seq === i + 1);
  if (whole) {
    const verdict = verifyRecords(records, publicKey);
    return { verdict, text: chainText(verdict) };
  }
  const verdict = verifySlice(records, publicKey);
  if (!verdict.ok) return { verdict, text: `audit slice BROKEN at event ${verdict.seq}: ${verdict.reason}` };
  const stretches = verdict.linked.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(', ');
  const anchor = verdict.anchoredBy.length
    ? `anchored to the signed checkpoint${verdict.anchoredBy.length > 1 ? 's' : ''} at ${verdict.anchoredBy.join(', ')}`
    : 'no checkpoint in the file signs one of its events';
  return {
    verdict,
    text: `audit slice verified: ${verdict.events} events from ${verdict.first} to ${verdict.last}, links intact within ${stretches}; ${anchor}. Events between those stretches are not in the file: verify the whole chain to vouch for them`,
  };
}

function chainText(verdict: AuditVerdict): string {
  return verdict.ok
    ? `audit chain verified: ${verdict.events} events${verdict.head ? `, head ${verdict.head.seq} ${verdict.head.hash}` : ''}, ${verdict.checkpoints ?? 0} signed checkpoints`
    : `audit chain BROKEN at event ${verdict.seq}: ${verdict.reason}`;
}

/** `consilium audit key`: the coordinator's public key as PEM, for offline verification. */
export async function auditKey(rest: RestClient, out: string | undefined): Promise<string> {
  const pem = await rest.request<string>('GET', '/api/audit/key.pem');
  if (!out) return pem.trimEnd();
  await writeFile(out, pem);
  return `wrote the coordinator's audit key to ${out}`;
}

interface LoggedUpdate {
  kind: 'update';
  taskId: string;
  sha256: string;
  receipt: UpdateReceipt;
}

/**
 * `consilium site verify-receipts`: checks the site's own log of what it sent
 * against the coordinator. Every receipt must carry a valid signature of the
 * coordinator's audit key, name the bytes the site sent, and match the audit
 * event it points at. Returns the report and whether everything matched.
 */
export async function verifySiteReceipts(configFile: string, rest: RestClient): Promise<{ ok: boolean; text: string }> {
  const config = loadSiteConfig(configFile, process.env);
  const { publicKeyPem, keyId } = await rest.request<{ publicKeyPem: string; keyId: string }>('GET', '/api/audit/key');
  const key = createPublicKey(publicKeyPem);
  const events = new Map((await fetchAudit(rest, { site: config.siteId })).map((e) => [e.seq, e]));
  let logText: string;
  try {
    logText = await readFile(LocalLog.inStateDir(config.stateDir).file, 'utf8');
  } catch {
    return { ok: false, text: `no local log of sent updates under ${config.stateDir}` };
  }
  const sent = logText
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { kind: string })
    .filter((e): e is LoggedUpdate => e.kind === 'update');
  const problems: string[] = [];
  for (const update of sent) {
    const { receipt } = update;
    const label = `update ${receipt.updateId} (task ${update.taskId})`;
    if (receipt.keyId !== keyId || !verifyReceipt(key, receipt))
      problems.push(`${label}: the receipt's signature does not verify with the coordinator's key: forged or altered`);
    else if (receipt.sha256 !== update.sha256) problems.push(`${label}: the receipt names ${receipt.sha256}, the site sent ${update.sha256}`);
    else {
      const event = events.get(receipt.auditSeq);
      const expected = receipt.accepted ? 'update.accepted' : 'update.rejected';
      if (!event || event.action !== expected || event.subjects['updateId'] !== receipt.updateId || event.payload['sha256'] !== update.sha256) {
        problems.push(`${label}: audit event ${receipt.auditSeq} does not record it as ${expected} of ${update.sha256}`);
      }
    }
  }
  const summary = `${sent.length} updates sent by ${config.siteId}: ${sent.length - problems.length} receipts verified against the coordinator's audit chain`;
  return { ok: problems.length === 0, text: [summary, ...problems].join('\n') };
}
