import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { rootCertificates } from 'node:tls';

import { ConsiliumError, type ErrorCode } from './errors.js';

export interface RestClientOptions {
  /** Bearer token (csk_…) sent with every request. */
  token?: string;
  /** Extra CA certificates (PEM) to trust for HTTPS, e.g. the federation CA; the system's stay trusted. */
  caPem?: string;
  /** Skip certificate checks: only to fetch a CA certificate whose hash the caller then checks. */
  insecure?: boolean;
}

/** The options the CLI reads from its flags and environment (CONSILIUM_TOKEN, CONSILIUM_CA_FILE). */
export function restOptionsFrom(opts: { apiToken?: string; caFile?: string }, env: NodeJS.ProcessEnv = process.env): RestClientOptions {
  const caFile = opts.caFile ?? env['CONSILIUM_CA_FILE'];
  const token = opts.apiToken ?? env['CONSILIUM_TOKEN'];
  return { ...(token ? { token } : {}), ...(caFile ? { caPem: readFileSync(caFile, 'utf8') } : {}) };
}

/** A thin client for the coordinator's REST API over HTTP or HTTPS; errors come back as the API's own ConsiliumError. */
export class RestClient {
  constructor(
    readonly baseUrl: string,
    private readonly options: RestClientOptions = {},
  ) {}

  async request<T>(method: string, path: string, body?: { json?: unknown; yaml?: string }): Promise<T> {
    const url = new URL(path, this.baseUrl);
    const payload = body?.json !== undefined ? JSON.stringify(body.json) : body?.yaml;
    const headers: Record<string, string> = {};
    if (payload !== undefined) headers['content-type'] = body?.yaml !== undefined ? 'application/yaml' : 'application/json';
    if (this.options.token) headers['authorization'] = `Bearer ${this.options.token}`;
    const tls =
      url.protocol === 'https:'
        ? { ca: this.options.caPem ? [...rootCertificates, this.options.caPem] : undefined, rejectUnauthorized: !this.options.insecure }
        : {};
    const { status, type, data } = await new Promise<{ status: number; type: string; data: Buffer }>((resolve, reject) => {
      const request = (url.protocol === 'https:' ? https : http).request(url, { method, headers, ...tls }, (response) => {
        const parts: Buffer[] = [];
        response.on('data', (chunk: Buffer) => parts.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), data: Buffer.concat(parts) }),
        );
        response.on('error', reject);
      });
      request.on('error', (error) => reject(new ConsiliumError('UNAVAILABLE', `cannot reach the coordinator at ${this.baseUrl}: ${error.message}`)));
      request.end(payload);
    });
    if (status >= 400) {
      let parsed: { error?: { code: ErrorCode; message: string; issues?: [] } } | null;
      try {
        parsed = JSON.parse(data.toString('utf8'));
      } catch {
        parsed = null;
      }
      throw new ConsiliumError(parsed?.error?.code ?? 'INTERNAL', parsed?.error?.message ?? `${method} ${path}: HTTP ${status}`, parsed?.error?.issues ?? []);
    }
    if (type.includes('json')) return JSON.parse(data.toString('utf8')) as T;
    return (type.startsWith('text/') || type.includes('pem') ? data.toString('utf8') : data) as T;
  }
}
