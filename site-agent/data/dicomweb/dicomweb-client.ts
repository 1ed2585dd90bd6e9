import { readFile } from 'node:fs/promises';

import dicomParser from 'dicom-parser';

import { Clock } from '../../../common/clock.js';
import { ConsiliumError, describeError } from '../../../common/errors.js';
import type { DicomWebAuth } from '../../config/dicomweb-config.js';
import { boundaryOf, MalformedMultipart, parseMultipartRelated } from './multipart-related.js';

/** One QIDO-RS result: the DICOM JSON model (PS3.18 annex F), tag → { vr, Value }. */
export type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** A tag's first value as text ('' when absent); person names give their alphabetic form. */
export function jsonValue(item: DicomJson, tag: string): string {
  const value = item[tag]?.Value?.[0];
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return String((value as { Alphabetic?: string }).Alphabetic ?? '');
  return String(value);
}

export interface DicomWebClientOptions {
  url: string;
  auth: DicomWebAuth;
  retries: number;
  timeoutMs: number;
  /** The most bytes one response may hold: a QIDO page or one instance. */
  maxResponseBytes: number;
  clock?: Clock;
  /** First backoff; each retry doubles it, up to 30 s. */
  backoffMs?: number;
}

/** A failure worth another try: the network, a timeout, 429, 5xx, or a body that is not what was asked for. */
class Retryable extends Error {}

const MAX_BACKOFF_MS = 30_000;

/**
 * QIDO-RS and WADO-RS against one DICOMweb service. Every request has a
 * timeout and a response-size ceiling, and is retried with exponential
 * backoff on what a busy or restarting PACS does (network errors, 429, 5xx,
 * truncated or malformed bodies); a refusal (401, 403, 404, 400) is not
 * retried and names the setting to change.
 */
export class DicomWebClient {
  private readonly clock: Clock;
  private readonly base: string;
  private authorization: Promise<string | null> | null = null;

  constructor(private readonly options: DicomWebClientOptions) {
    this.clock = options.clock ?? new Clock();
    this.base = options.url.replace(/\/+$/, '');
  }

  /**
   * Every result of a QIDO-RS search. Asked from offset 0 with a limit that
   * doubles (from `pageSize`) while the answer fills it: PACS differ in how
   * they apply `offset` (Orthanc 1.10 skips before it filters on computed
   * attributes such as Modalities in Study, so page two comes back empty and
   * results go missing without a word), while a limit is honoured or ignored
   * but never misread. The transfer stays within twice the results. A PACS
   * that says it cut the answer short (a Warning header, PS3.18 8.3.4.3) is
   * refused, naming the fix.
   */
  async search(path: string, params: Record<string, string>, pageSize: number): Promise<DicomJson[]> {
    for (let limit = pageSize; ; limit *= 2) {
      const query = new URLSearchParams({ ...params, limit: String(limit) });
      const answer = await this.withRetries(`QIDO-RS ${path}`, async () => {
        const { body, status, warning } = await this.get(`${path}?${query}`, 'application/dicom+json');
        if (status === 204) return { results: [] as DicomJson[], warning };
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.from(body).toString('utf8'));
        } catch (error) {
          throw new Retryable(`the response is not JSON (${describeError(error)})`);
        }
        if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item)))
          throw new Retryable('the response is not an array of DICOM JSON objects');
        return { results: parsed as DicomJson[], warning };
      });
      if (answer.warning && /exceed|truncat|maximum|limit/i.test(answer.warning))
        throw new ConsiliumError(
          'RESOURCE_EXHAUSTED',
          `data.url ${this.base}: the PACS cut the answer to ${path} short ("${answer.warning}"); narrow data.query, or raise the PACS's own result limit`,
        );
      if (answer.results.length < limit) return answer.results;
    }
  }

  /**
   * One instance as its Part 10 file, in whatever transfer syntax the PACS
   * holds (transfer-syntax=*: no transcoding, so lossless stays lossless).
   * The file must parse and carry the SOP Instance UID asked for.
   */
  async retrieve(study: string, series: string, sop: string): Promise<Uint8Array> {
    const path = `/studies/${study}/series/${series}/instances/${sop}`;
    return this.withRetries(`WADO-RS ${path}`, async () => {
      const { body, contentType } = await this.get(path, 'multipart/related; type="application/dicom"; transfer-syntax=*');
      let parts;
      try {
        parts = parseMultipartRelated(body, boundaryOf(contentType));
      } catch (error) {
        if (error instanceof MalformedMultipart) throw new Retryable(`malformed multipart: ${error.message}`);
        throw error;
      }
      if (parts.length !== 1) throw new Retryable(`expected one part, got ${parts.length}`);
      const file = parts[0]!.body;
      let found: string | undefined;
      try {
        found = dicomParser.parseDicom(file, { untilTag: 'x7fe00010' }).string('x00080018')?.replace(/\0/g, '').trim();
      } catch (error) {
        throw new Retryable(`the part is not a DICOM file (${String((error as { exception?: string }).exception ?? describeError(error))})`);
      }
      if (found !== sop) throw new Retryable(`the part holds SOP Instance UID ${found ?? '(none)'}, not ${sop}`);
      return file;
    });
  }

  private async withRetries<T>(what: string, attempt: () => Promise<T>): Promise<T> {
    const tries = this.options.retries + 1;
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        if (n >= tries)
          throw new ConsiliumError(
            'UNAVAILABLE',
            `data.url ${this.base}: ${what} failed ${tries} times, last: ${error.message} (raise data.retries or data.timeoutSeconds, or check the PACS)`,
          );
        await this.clock.sleep(Math.min(MAX_BACKOFF_MS, (this.options.backoffMs ?? 500) * 2 ** (n - 1)));
      }
    }
  }

  /** One GET with the timeout and size ceiling; statuses that a retry may cure throw Retryable, the rest ConsiliumError. */
  private async get(path: string, accept: string): Promise<{ status: number; contentType: string | null; warning: string | null; body: Uint8Array }> {
    const headers: Record<string, string> = { accept };
    const authorization = await this.authHeader();
    if (authorization) headers['authorization'] = authorization;
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, { headers, signal });
    } catch (error) {
      throw new Retryable(
        signal.aborted ? `no answer within ${this.options.timeoutMs / 1000} s` : describeError((error as { cause?: unknown }).cause ?? error),
      );
    }
    if (response.status === 429 || response.status >= 500) {
      await response.body?.cancel();
      throw new Retryable(`HTTP ${response.status}`);
    }
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new ConsiliumError('PERMISSION_DENIED', `data.url ${this.base}: the PACS refused ${path} with HTTP ${response.status}; check data.auth`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ConsiliumError('INVALID_ARGUMENT', `data.url ${this.base}: GET ${path} answered HTTP ${response.status}; is data.url the DICOMweb root?`);
    }
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      warning: response.headers.get('warning'),
      body: await this.bounded(response, signal),
    };
  }

  /** The body, read up to the ceiling; a body cut off mid-way (or by the timeout) is retried. */
  private async bounded(response: Response, signal: AbortSignal): Promise<Uint8Array> {
    const limit = this.options.maxResponseBytes;
    // fetch inflates a gzip or deflate body (Orthanc compresses by default): then Content-Length counts other bytes.
    const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
    const declared = encoded ? NaN : Number(response.headers.get('content-length') ?? NaN);
    if (declared > limit) {
      await response.body?.cancel();
      throw new ConsiliumError(
        'RESOURCE_EXHAUSTED',
        `data.url ${this.base}: a response of ${declared} bytes is over the decode budget (decodeBudget.maxInflatedMegabytes)`,
      );
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body ?? []) {
        size += chunk.byteLength;
        if (size > limit) {
          await response.body?.cancel();
          throw new ConsiliumError(
            'RESOURCE_EXHAUSTED',
            `data.url ${this.base}: a response over ${limit} bytes is over the decode budget (decodeBudget.maxInflatedMegabytes)`,
          );
        }
        chunks.push(chunk);
      }
    } catch (error) {
      if (error instanceof ConsiliumError) throw error;
      throw new Retryable(signal.aborted ? `the body did not arrive within ${this.options.timeoutMs / 1000} s` : `the body broke off: ${describeError(error)}`);
    }
    const body = Buffer.concat(chunks);
    if (Number.isFinite(declared) && body.length !== declared) throw new Retryable(`the body holds ${body.length} of its ${declared} bytes`);
    return body;
  }

  private authHeader(): Promise<string | null> {
    this.authorization ??= (async () => {
      const { auth } = this.options;
      const secret = async (file: string, field: string): Promise<string> => {
        try {
          return (await readFile(file, 'utf8')).trim();
        } catch (error) {
          throw new ConsiliumError('INVALID_ARGUMENT', `data.auth.${field} ${file} cannot be read: ${describeError(error)}`);
        }
      };
      if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.username}:${await secret(auth.passwordFile, 'passwordFile')}`).toString('base64')}`;
      if (auth.kind === 'bearer') return `Bearer ${await secret(auth.tokenFile, 'tokenFile')}`;
      return null;
    })();
    return this.authorization;
  }
}
