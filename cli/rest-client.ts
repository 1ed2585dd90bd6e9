import { ConsiliumError, type ErrorCode } from '../common/errors.js';

/** A thin client for the coordinator's REST API; errors come back as the API's own ConsiliumError. */
export class RestClient {
  constructor(readonly baseUrl: string) {}

  async request<T>(method: string, path: string, body?: { json?: unknown; yaml?: string }): Promise<T> {
    const init: RequestInit = { method };
    if (body?.json !== undefined) init.body = JSON.stringify(body.json);
    if (body?.yaml !== undefined) init.body = body.yaml;
    if (init.body !== undefined) init.headers = { 'content-type': body?.yaml !== undefined ? 'application/yaml' : 'application/json' };
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), init);
    } catch (error) {
      throw new ConsiliumError('UNAVAILABLE', `cannot reach the coordinator at ${this.baseUrl}: ${(error as Error).cause ?? error}`);
    }
    if (!response.ok) {
      const payload = (await response.json().catch(() => null)) as { error?: { code: ErrorCode; message: string; issues?: [] } } | null;
      throw new ConsiliumError(payload?.error?.code ?? 'INTERNAL', payload?.error?.message ?? `${method} ${path}: HTTP ${response.status}`, payload?.error?.issues ?? []);
    }
    const type = response.headers.get('content-type') ?? '';
    return (type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer())) as T;
  }
}
