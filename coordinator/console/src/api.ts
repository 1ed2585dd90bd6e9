// The console's only way to the coordinator: same-origin fetches with the bearer token, which lives in this
// module's memory (never in a URL, a cookie or storage): reloading the page signs out.

export type Role = 'admin' | 'researcher' | 'auditor' | 'monitor';

export interface Session {
  name: string;
  role: Role;
}

let token: string | null = null;

export function setToken(value: string | null): void {
  token = value;
}

/** A refused request, with the coordinator's message (it names the field and the fix). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) {
    let message = `${method} ${path}: HTTP ${response.status}`;
    try {
      message = ((await response.json()) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ApiError(response.status, message);
  }
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await send('GET', path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown = {}): Promise<T> {
  return (await (await send('POST', path, body)).json()) as T;
}

export async function deleteJson<T>(path: string): Promise<T> {
  return (await (await send('DELETE', path)).json()) as T;
}

/** Saves a response as a file: downloads need the token too, so they are fetched here and handed over as a blob. */
export async function download(path: string, fileName: string): Promise<void> {
  const blob = await (await send('GET', path)).blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
