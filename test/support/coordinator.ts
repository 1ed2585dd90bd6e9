import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';

import type { Clock } from '../../common/clock.js';
import { RestClient } from '../../common/rest-client.js';
import { type CoordinatorConfigInput, loadCoordinatorConfig } from '../../coordinator/config/coordinator-config.js';
import { initCoordinator } from '../../coordinator/init.js';
import { type RunningCoordinator, startCoordinator } from '../../coordinator/main.js';
import { SiteServiceClient } from '../../proto/gen/services.grpc.js';
import { enrolSite } from '../../site-agent/identity/site-identity.js';

export type TestRole = 'admin' | 'researcher' | 'auditor' | 'monitor';
export type TestCoordinator = RunningCoordinator & { stateDir: string; tokens: Record<TestRole, string> };

/** Bearer tokens per coordinator, so `api` and `postJson` can speak with the role a route needs. */
const tokensByUrl = new Map<string, Partial<Record<TestRole, string>>>();

/** A coordinator on fresh state: CA, schema, an admin token, and a researcher, an auditor and a monitor token made through the API. */
export async function testCoordinator(overrides: CoordinatorConfigInput = {}, options: { clock?: Clock; log?: Logger } = {}): Promise<TestCoordinator> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'consilium-test-'));
  const config = loadCoordinatorConfig(undefined, {}, { httpPort: 0, grpcPort: 0, stateDir, ...overrides });
  const { adminToken } = await initCoordinator(config);
  const coordinator = await startCoordinator(config, { quiet: true, ...options });
  const tokens: Record<TestRole, string> = { admin: adminToken, researcher: '', auditor: '', monitor: '' };
  tokensByUrl.set(coordinator.httpUrl, tokens);
  const admin = new RestClient(coordinator.httpUrl, { token: adminToken, caPem: coordinator.caCertificatePem });
  for (const role of ['researcher', 'auditor', 'monitor'] as const)
    tokens[role] = (await admin.request<{ token: string }>('POST', '/api/tokens', { json: { name: `test-${role}`, role } })).token;
  return { ...coordinator, stateDir, tokens };
}

/** Lets `api` and `postJson` speak to a coordinator started elsewhere (a child process) with these tokens. */
export function registerTokens(httpUrl: string, tokens: Partial<Record<TestRole, string>>): void {
  tokensByUrl.set(new URL(httpUrl).origin, tokens);
}

/** The role the ordinary tests use for a route: admin for sites and tokens, auditor for audit, researcher otherwise. */
function roleFor(url: URL, method: string): TestRole {
  if (url.pathname.startsWith('/api/audit')) return 'auditor';
  if (url.pathname.startsWith('/api/tokens') || (url.pathname.startsWith('/api/sites') && (method !== 'GET' || url.pathname === '/api/sites'))) return 'admin';
  return 'researcher';
}

/** fetch with the bearer token of the role the route needs (or the one given). */
export async function api(url: string, init: RequestInit = {}, role?: TestRole): Promise<Response> {
  const parsed = new URL(url);
  const tokens = tokensByUrl.get(parsed.origin);
  const method = init.method ?? 'GET';
  const token = tokens?.[role ?? roleFor(parsed, method)];
  const request = () =>
    fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  try {
    return await request();
  } catch (error) {
    // A test that ran the CLI with spawnSync blocked this event loop past the server's keep-alive timeout, so fetch
    // may reuse a socket the server has just closed. A GET is safe to send again; anything else fails as it is.
    if (method !== 'GET' || (error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return request();
  }
}

export async function postJson(url: string, body: unknown, contentType = 'application/json', role?: TestRole): Promise<{ status: number; body: any }> {
  const response = await api(
    url,
    { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) },
    role,
  );
  return { status: response.status, body: await response.json() };
}

export interface EnrolledIdentity {
  keyPem: string;
  certPem: string;
  caPem: string;
}

/** Registers the site (when new) and enrols it as `consilium site enroll` does, into a fresh state folder; returns key and certificate. */
export async function enrolTestSite(coordinator: RunningCoordinator, siteId: string): Promise<EnrolledIdentity> {
  await postJson(`${coordinator.httpUrl}/api/sites`, { id: siteId });
  const { token } = (await postJson(`${coordinator.httpUrl}/api/sites/${siteId}/enrolment-tokens`, {})).body;
  return enrolSite(mkdtempSync(path.join(tmpdir(), `consilium-${siteId}-`)), siteId, coordinator.httpUrl, token);
}

/** A raw SiteService client over mutual TLS with the given identity. */
export function clientWith(address: string, identity: EnrolledIdentity | null, caPem?: string): SiteServiceClient {
  const credentials = identity
    ? grpc.credentials.createSsl(Buffer.from(identity.caPem), Buffer.from(identity.keyPem), Buffer.from(identity.certPem))
    : grpc.credentials.createSsl(Buffer.from(caPem!));
  return new SiteServiceClient(address, credentials);
}

/** A raw SiteService client speaking as an enrolled `siteId`, for tests that play the site by hand. */
export async function siteClient(
  coordinator: RunningCoordinator,
  siteId: string,
): Promise<{ client: SiteServiceClient; metadata: grpc.Metadata; identity: EnrolledIdentity }> {
  const identity = await enrolTestSite(coordinator, siteId);
  return { client: clientWith(coordinator.grpcAddress, identity), metadata: new grpc.Metadata(), identity };
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The run's details once it has ended (completed, failed or cancelled). */
export async function waitRunEnd(coordinator: { httpUrl: string }, runId: string, timeoutMs = 60_000): Promise<any> {
  return waitFor(async () => {
    const details = await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json();
    return ['completed', 'failed', 'cancelled'].includes(details.run.status) ? details : null;
  }, timeoutMs);
}

export const tinySpec = (sites: string[]) => ({
  name: 'tiny',
  classes: ['no', 'yes'],
  rounds: 1,
  sites,
  roundDeadlineSeconds: 60,
  model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
});

/** An upload of tinySpec's model (a tfjs layers model.json and its weights), with the given weight values. */
export function tinyUpload(values: number[] = Array.from({ length: 10 }, (_, i) => i / 10), name = 'tiny pretrained') {
  return {
    name,
    origin: 'made up for a test',
    modelJson: {
      modelTopology: {
        class_name: 'Sequential',
        config: {
          name: 'pretrained',
          layers: [{ class_name: 'Dense', config: { name: 'dense_0', batch_input_shape: [null, 4], units: 2, activation: 'softmax' } }],
        },
      },
      weightsManifest: [
        {
          paths: ['weights.bin'],
          weights: [
            { name: 'dense_0/kernel', shape: [4, 2], dtype: 'float32' },
            { name: 'dense_0/bias', shape: [2], dtype: 'float32' },
          ],
        },
      ],
    },
    weights: Buffer.from(Float32Array.from(values).buffer).toString('base64'),
  };
}
