import { z } from 'zod';

const dicomDate = z.string().regex(/^\d{8}$/, 'a DICOM date, YYYYMMDD');
/** QIDO matching allows "*" and "?" wildcards in text; a backslash would make a value list, a control character nothing sane. */
const queryText = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\\\p{Cc}]+$/u, 'text without backslashes or control characters');

/**
 * Which of the PACS's studies and series a site trains on. Every filter set must match; the profile states this
 * selection (never an accession number), so an audit can say which PACS selection a dataset fingerprint came from.
 */
export const dicomWebQuerySchema = z
  .strictObject({
    /** Series whose Modality is this (CT, MR, CR, …); studies are first found by Modalities in Study. */
    modality: z
      .string()
      .regex(/^[A-Z0-9_ ]{1,16}$/, 'a DICOM code string such as CT or MR')
      .optional(),
    /** Series whose Body Part Examined matches (CHEST, HEAD, …). */
    bodyPart: queryText.optional(),
    /** Studies whose Study Date lies in this range, both ends included; either end may be left open. */
    studyDate: z.strictObject({ from: dicomDate.optional(), to: dicomDate.optional() }).optional(),
    /** Studies whose Study Description matches, QIDO wildcards allowed ("*chest*"). */
    studyDescription: queryText.optional(),
    /** Only the studies whose Accession Number is listed in this CSV's column. */
    accessionNumbers: z.strictObject({ file: z.string().min(1), column: z.string().min(1).default('accession') }).optional(),
  })
  .refine((q) => !q.studyDate?.from || !q.studyDate.to || q.studyDate.from <= q.studyDate.to, {
    message: 'studyDate.from is after studyDate.to',
    path: ['studyDate'],
  });

export type DicomWebQuery = z.infer<typeof dicomWebQuerySchema>;

/** How the agent signs in to the PACS; secrets live in files readable only by the agent's user, never in the config. */
export const dicomWebAuthSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('basic'), username: z.string().min(1), passwordFile: z.string().min(1) }),
  z.strictObject({ kind: z.literal('bearer'), tokenFile: z.string().min(1) }),
]);

export type DicomWebAuth = z.infer<typeof dicomWebAuthSchema>;

export const dicomWebDataSchema = z
  .strictObject({
    kind: z.literal('dicomweb'),
    /** The DICOMweb service root, e.g. https://pacs.hospital.local/dicom-web (QIDO-RS and WADO-RS under it). */
    url: z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }),
    auth: dicomWebAuthSchema.default({ kind: 'none' }),
    query: dicomWebQuerySchema,
    /** CSV with a key column and a label column; not needed with masks: seg. */
    labels: z.string().min(1).optional(),
    masks: z.literal('seg').optional(),
    /** What the key column holds. */
    keyBy: z.enum(['sopInstanceUid', 'seriesInstanceUid', 'studyInstanceUid', 'accessionNumber']).default('sopInstanceUid'),
    keyColumn: z.string().min(1).default('key'),
    labelColumn: z.string().min(1).default('label'),
    multiFrame: z.enum(['frames', 'refuse']).default('frames'),
    /** Requests in flight at once, so a scan does not flood the PACS. */
    concurrency: z.number().int().min(1).max(32).default(4),
    /** The limit of a QIDO search's first request; doubled while an answer fills it (see DicomWebClient.search). */
    pageSize: z.number().int().min(1).max(10_000).default(100),
    /** Tries per request on a network error, a timeout, 429, 5xx or a malformed body, with exponential backoff. */
    retries: z.number().int().min(0).max(10).default(4),
    timeoutSeconds: z.number().positive().max(3600).default(60),
    /**
     * Retrieved instances are kept here by SOP Instance UID (default: <stateDir>/dicomweb-cache), so a scan fetches
     * only new ones. The cache never grows past maxGigabytes: instances the query no longer selects go first, and a
     * selection larger than the budget is refused.
     */
    cache: z.strictObject({ path: z.string().min(1).optional(), maxGigabytes: z.number().positive().default(20) }).default({ maxGigabytes: 20 }),
  })
  .refine((data) => data.labels !== undefined || data.masks !== undefined, {
    message: 'give a labels CSV (data.labels), or set data.masks: seg to train on DICOM SEG masks',
    path: ['labels'],
  });

export type DicomWebDataConfig = z.infer<typeof dicomWebDataSchema>;
