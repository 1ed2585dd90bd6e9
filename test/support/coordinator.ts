import * as grpc from '@grpc/grpc-js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCoordinatorConfig } from '../../coordinator/config/coordinator-config.js';
import { startCoordinator, type RunningCoordinator } from '../../coordinator/main.js';
import { SiteServiceDefinition } from '../../proto/gen/services.grpc.js';

export async function testCoordinator(): Promise<RunningCoordinator & { stateDir: string }> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'consilium-test-'));
  const coordinator = await startCoordinator(loadCoordinatorConfig(undefined, {}, { httpPort: 0, grpcPort: 0, stateDir }), { quiet: true });
  return { ...coordinator, stateDir };
}

const Client = grpc.makeGenericClientConstructor(SiteServiceDefinition, 'SiteService');

/** A raw SiteService client speaking as `siteId`, for tests that play the site by hand. */
export function siteClient(address: string, siteId: string): { client: grpc.Client & Record<string, Function>; metadata: grpc.Metadata } {
  const metadata = new grpc.Metadata();
  metadata.set('x-consilium-site-id', siteId);
  return { client: new Client(address, grpc.credentials.createInsecure()) as grpc.Client & Record<string, Function>, metadata };
}

export async function postJson(url: string, body: unknown, contentType = 'application/json'): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
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

export const tinySpec = (sites: string[]) => ({
  name: 'tiny',
  classes: ['no', 'yes'],
  rounds: 1,
  sites,
  roundDeadlineSeconds: 60,
  model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [4], units: 2, activation: 'softmax' } }] } },
});
