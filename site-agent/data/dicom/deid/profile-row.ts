/** Options of PS3.15 annex E that keep attributes the Basic Profile would remove, as a site's policy names them. */
export type RetainOption = 'fullDates' | 'deviceIdentity' | 'institutionIdentity' | 'patientCharacteristics' | 'uids';

/** One row of PS3.15 Table E.1-1: tag, name, Basic Profile action (X, Z, D, U, or a choice such as X/Z), options that keep it. */
export type ProfileRow = readonly [tag: string, name: string, action: string, keptBy: readonly RetainOption[]];
