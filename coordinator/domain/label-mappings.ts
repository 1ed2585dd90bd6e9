/** A site's labelMap as last shared (site policy shareLabelMap), from the audit event that recorded it. */
export interface SharedLabelMap {
  labelMap: Record<string, string> | null;
  at: string;
  seq: number;
}

/** One site's column of the mapping matrix. */
export interface SiteMappings {
  siteId: string;
  /** Whether the site shares its local terms; a site that never did, or withdrew, shows nothing else. */
  shared: boolean;
  /** The audit event that recorded the map shown (or its withdrawal). */
  since: string | null;
  auditSeq: number | null;
  /** Class → the local terms the site merged into it (the class's own name needs no mapping and is not listed). */
  byClass: Record<string, string[]>;
  /** Terms the site maps to names that are not classes of this run. */
  outsideRun: Record<string, string>;
}

/**
 * Which local terms each site merged into each of the run's classes, as the
 * sites last shared them: a researcher sees that "恶性", "malignant" and "M"
 * train as one class, and at which site, and an auditor finds the event.
 */
export function mappingMatrix(classes: readonly string[], sites: readonly { siteId: string; shared: SharedLabelMap | null }[]): SiteMappings[] {
  return sites.map(({ siteId, shared }) => {
    const byClass = Object.fromEntries(classes.map((c) => [c, [] as string[]]));
    const outsideRun: Record<string, string> = {};
    for (const [term, target] of Object.entries(shared?.labelMap ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (target in byClass) byClass[target]!.push(term);
      else outsideRun[term] = target;
    }
    return { siteId, shared: Boolean(shared?.labelMap), since: shared?.at ?? null, auditSeq: shared?.seq ?? null, byClass, outsideRun };
  });
}
