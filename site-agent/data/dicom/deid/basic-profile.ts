import type dicomParser from 'dicom-parser';

import { CONFIDENTIALITY_PROFILE } from './gen/confidentiality-profile.gen.js';
import type { ProfileRow, RetainOption } from './profile-row.js';

/** How the profile groups what the Basic Profile would act on; each attribute falls in one. */
export type DeidCategory =
  | 'patient identity'
  | 'patient characteristics'
  | 'dates and times'
  | 'UIDs'
  | 'institution'
  | 'device'
  | 'names of staff'
  | 'descriptions and comments'
  | 'other identifiers'
  | 'private attributes'
  | 'curves'
  | 'overlays';

/** An attribute a file carries with a value that the Basic Profile acts on, and the options that would keep it. */
export interface DeidFinding {
  attribute: string;
  category: DeidCategory;
  /** X remove, Z empty, D dummy, U new UID; a choice such as X/Z is the standard's, by IOD. */
  action: string;
  keptBy: readonly RetainOption[];
}

function categoryOf([tag, name, action, keptBy]: ProfileRow): DeidCategory {
  if (tag.startsWith('50')) return 'curves';
  if (tag.startsWith('60')) return 'overlays';
  if (action.includes('U')) return 'UIDs';
  if (keptBy.includes('fullDates')) return 'dates and times';
  if (keptBy.includes('patientCharacteristics')) return 'patient characteristics';
  if (keptBy.includes('institutionIdentity') || /Institution/.test(name)) return 'institution';
  if (keptBy.includes('deviceIdentity')) return 'device';
  if (tag.startsWith('0010') || /Patient/.test(name)) return 'patient identity';
  if (/Physician|Operator|Performer|Observer|Author|Reviewer|Verifying|Person|Name/.test(name)) return 'names of staff';
  if (/Description|Comment|History|Label|Text|Reason|Note|Diagnos|Occupation|Alerts|Allergies/.test(name)) return 'descriptions and comments';
  return 'other identifiers';
}

interface Entry {
  row: ProfileRow;
  category: DeidCategory;
}

const EXACT = new Map<string, Entry>();
/** Repeating groups (50xx curves, 60xx overlays): the standard writes the varying digits as x. */
const REPEATING: { pattern: RegExp; entry: Entry }[] = [];
for (const row of CONFIDENTIALITY_PROFILE) {
  const entry = { row, category: categoryOf(row) };
  if (row[0].includes('x')) REPEATING.push({ pattern: new RegExp(`^${row[0].replace(/x/g, '[0-9a-f]')}$`), entry });
  else EXACT.set(row[0], entry);
}

function tableEntry(tag: string): Entry | null {
  const exact = EXACT.get(tag);
  if (exact) return exact;
  // Curves and overlays live in even groups 5000–501E and 6000–601E only.
  const group = parseInt(tag.slice(0, 4), 16);
  if (!((group >= 0x5000 && group <= 0x501e) || (group >= 0x6000 && group <= 0x601e))) return null;
  return REPEATING.find((r) => r.pattern.test(tag))?.entry ?? null;
}

const PRIVATE: Entry = { row: ['private', 'Private attributes', 'X', []], category: 'private attributes' };

/** What the profile does to the attribute with this tag (8 lower-case hex digits): private ones are removed; null: nothing. */
export function profileEntry(tag: string): Entry | null {
  return parseInt(tag.slice(0, 4), 16) % 2 === 1 ? PRIVATE : tableEntry(tag);
}

/** Whether an option the site retains keeps the attribute (PS3.15 annex E's retain options). */
export function retained(keptBy: readonly RetainOption[], retain: ReadonlySet<RetainOption>): boolean {
  return keptBy.some((option) => retain.has(option));
}

/**
 * Every attribute in a data set, nested sequences included, that DICOM
 * PS3.15's Basic Application Level Confidentiality Profile (Table E.1-1)
 * acts on and that holds a value, plus private attributes (odd groups),
 * curves and overlays; one finding per attribute name. A sequence the
 * profile removes is one finding, its items go with it; any other sequence
 * is searched. Values are never read beyond their presence.
 */
export function findIdentifying(ds: dicomParser.DataSet): DeidFinding[] {
  const found = new Map<string, DeidFinding>();
  const walk = (set: dicomParser.DataSet): void => {
    for (const [key, element] of Object.entries(set.elements)) {
      const tag = key.slice(1).toLowerCase();
      // Group lengths say nothing; the meta header's own UIDs are in the table (Media Storage SOP Instance UID).
      if (tag.endsWith('0000')) continue;
      const entry = profileEntry(tag);
      const items = element.items ?? [];
      const present = element.length > 0 || items.length > 0;
      if (entry) {
        const [, attribute, action, keptBy] = entry.row;
        if (present && !found.has(attribute)) found.set(attribute, { attribute, category: entry.category, action, keptBy });
        continue;
      }
      for (const item of items) if (item.dataSet) walk(item.dataSet);
    }
  };
  walk(ds);
  return [...found.values()].sort((a, b) => (a.attribute < b.attribute ? -1 : 1));
}

/** The findings a site's policy does not keep: an attribute stays only when an option the site retains keeps it. */
export function notRetained(findings: readonly DeidFinding[], retain: ReadonlySet<RetainOption>): DeidFinding[] {
  return findings.filter((f) => !retained(f.keptBy, retain));
}
