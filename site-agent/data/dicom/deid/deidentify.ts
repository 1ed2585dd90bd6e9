import { createHmac } from 'node:crypto';

import dcmjs from 'dcmjs';

// dcmjs logs every VR it repairs to the console; a skipped file is reported by reason instead.
dcmjs.log.setLevel('error');

import { profileEntry, retained } from './basic-profile.js';
import type { RetainOption } from './profile-row.js';

/** dcmjs's data set: tag (upper-case hex) → value representation and values; sequences hold data sets. */
type DicomDict = Record<string, { vr: string; Value?: unknown[]; InlineBinary?: string }>;

/** Why a file could not be de-identified; the file is skipped for training under this reason. */
export class NotDeidentifiable extends Error {}

/** PS3.16 CID 7050 codes: the Basic Profile, and the options a site retains. */
const METHOD_CODES: Record<'basic' | RetainOption, [string, string]> = {
  basic: ['113100', 'Basic Application Confidentiality Profile'],
  fullDates: ['113106', 'Retain Longitudinal Temporal Information Full Dates Option'],
  deviceIdentity: ['113109', 'Retain Device Identity Option'],
  institutionIdentity: ['113112', 'Retain Institution Identity Option'],
  patientCharacteristics: ['113108', 'Retain Patient Characteristics Option'],
  uids: ['113110', 'Retain UIDs Option'],
};

/** A dummy value of the attribute's representation, for action D: plausible, and saying nothing. */
function dummy(vr: string): unknown[] {
  switch (vr) {
    case 'PN':
      return [{ Alphabetic: 'ANONYMOUS' }];
    case 'DA':
      return ['19000101'];
    case 'TM':
      return ['000000'];
    case 'DT':
      return ['19000101000000'];
    case 'AS':
      return ['000Y'];
    case 'DS':
    case 'IS':
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
      return [0];
    case 'SQ':
      return [];
    default:
      return ['ANONYMIZED'];
  }
}

export interface DeidentifyOptions {
  retain: ReadonlySet<RetainOption>;
  /** The site's secret: a UID is replaced by one derived from it, the same in every file, so studies and series hold together. */
  uidSecret: Uint8Array;
}

/** A new UID for an old one: 2.25 and a 128-bit number from HMAC-SHA-256 (PS3.5 annex B.2), not reversible without the secret. */
export function replacementUid(uid: string, secret: Uint8Array): string {
  const digest = createHmac('sha256', secret).update(uid).digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString('hex')}`).toString()}`;
}

/**
 * The Basic Profile's action for one attribute, where the standard leaves a
 * choice by IOD (X/Z, X/D, Z/D, X/Z/D): the one that keeps the attribute
 * present, since we do not check each IOD's types: Z (empty) before D
 * (dummy) before X (removed); X/Z/U* (references) replace UIDs.
 */
function chosen(action: string): 'X' | 'Z' | 'D' | 'U' {
  if (action.includes('U')) return 'U';
  if (action.includes('Z')) return 'Z';
  if (action.includes('D')) return 'D';
  return 'X';
}

function apply(dict: DicomDict, options: DeidentifyOptions): void {
  for (const tag of Object.keys(dict)) {
    const element = dict[tag]!;
    const entry = profileEntry(tag.toLowerCase());
    if (!entry || retained(entry.row[3], options.retain)) {
      if (element.vr === 'SQ') for (const item of (element.Value ?? []) as DicomDict[]) apply(item, options);
      continue;
    }
    const action = chosen(entry.row[2]);
    if (action === 'X') delete dict[tag];
    else if (action === 'Z') dict[tag] = { vr: element.vr, Value: [] };
    else if (action === 'D') dict[tag] = { vr: element.vr, Value: dummy(element.vr) };
    else if (element.vr === 'UI') dict[tag] = { vr: 'UI', Value: (element.Value ?? []).map((uid) => replacementUid(String(uid), options.uidSecret)) };
    // A sequence of references (X/Z/U*): its UIDs are replaced where they sit, the rest of it is treated as anything else.
    else if (element.vr === 'SQ') for (const item of (element.Value ?? []) as DicomDict[]) apply(item, options);
    else delete dict[tag];
  }
}

const code = ([value, meaning]: [string, string]): DicomDict => ({
  '00080100': { vr: 'SH', Value: [value] },
  '00080102': { vr: 'SH', Value: ['DCM'] },
  '00080104': { vr: 'LO', Value: [meaning] },
});

/**
 * A copy of a Part 10 file de-identified by DICOM PS3.15's Basic
 * Application Level Confidentiality Profile (annex E) with the site's retain
 * options: private attributes, curves and overlays removed, every attribute
 * of Table E.1-1 removed, emptied, dummied or its UID replaced, and Patient
 * Identity Removed (0012,0062) YES, De-identification Method (0012,0063)
 * and its Code Sequence (0012,0064) and Longitudinal Temporal Information
 * Modified (0028,0303) recorded. Pixel data are copied as they are, in the
 * file's transfer syntax; text burned into them is flagged by the profile,
 * not removed. Free text the Clean options would clean is removed instead.
 */
export function deidentify(bytes: Uint8Array, options: DeidentifyOptions): Uint8Array {
  let file: { meta: DicomDict; dict: DicomDict; write(): ArrayBuffer };
  try {
    file = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch (error) {
    throw new NotDeidentifiable(`not de-identifiable: ${error instanceof Error ? error.message : String(error)}`);
  }
  apply(file.dict, options);
  // The meta header names the instance too: it follows the data set's new SOP Instance UID.
  const sop = file.dict['00080018']?.Value?.[0];
  if (sop !== undefined) file.meta['00020003'] = { vr: 'UI', Value: [sop] };
  delete file.meta['00020016']; // Source Application Entity Title
  // dcmjs writes a deflated data set back inflated: the meta header must then say so.
  if (file.meta['00020010']?.Value?.[0] === '1.2.840.10008.1.2.1.99') file.meta['00020010'] = { vr: 'UI', Value: ['1.2.840.10008.1.2.1'] };
  const kept = [...options.retain].sort();
  file.dict['00120062'] = { vr: 'CS', Value: ['YES'] };
  file.dict['00120063'] = {
    vr: 'LO',
    Value: [`DICOM PS3.15 E.1 Basic Profile${kept.length ? `, retaining ${kept.join(', ')}` : ''} (Consilium)`.slice(0, 64)],
  };
  file.dict['00120064'] = { vr: 'SQ', Value: [code(METHOD_CODES.basic), ...kept.map((option) => code(METHOD_CODES[option]))] };
  file.dict['00280303'] = { vr: 'CS', Value: [options.retain.has('fullDates') ? 'UNMODIFIED' : 'REMOVED'] };
  return new Uint8Array(file.write());
}
