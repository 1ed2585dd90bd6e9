import type { SharedLabelMap } from '../domain/label-mappings.js';
import type { AuditRepository } from '../persistence/repositories/audit.repository.js';

/** A site's labelMap as its last site.label-map audit event recorded it (labelMap null: withdrawn); null when it never shared one. */
export async function sharedLabelMap(audit: AuditRepository, siteId: string): Promise<SharedLabelMap | null> {
  const last = (await audit.query({ siteId, action: 'site.label-map', limit: 100_000 })).at(-1);
  return last ? { labelMap: (last.payload['labelMap'] as Record<string, string> | null) ?? null, at: last.at, seq: last.seq } : null;
}
