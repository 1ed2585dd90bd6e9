import 'reflect-metadata';

import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createCaCertificate, createSiteCsr, generateKeyPair, issueSiteCertificate } from '../../common/pki.js';
import { RestClient } from '../../common/rest-client.js';
import { HTTP_CONTROLLERS } from '../../coordinator/coordinator.module.js';
import { declaredRoutes as declared } from '../../coordinator/edges/http/openapi.js';
import { type consilium } from '../../proto/gen/consilium.js';
import { type SiteServiceClient } from '../../proto/gen/services.grpc.js';
import { enrolSite } from '../../site-agent/identity/site-identity.js';
import {
  api,
  clientWith,
  enrolTestSite,
  postJson,
  type TestCoordinator,
  testCoordinator,
  type TestRole,
  tinySpec,
  tinyUpload,
  waitFor,
} from '../support/coordinator.js';
import { connectSite, fetchModel, submit } from '../support/grpc-site.js';

const hello = (siteId: string): consilium.v1.ISiteMessage => ({
  hello: { siteId, agentVersion: 't', protocol: 'consilium.v1', backend: { name: 'cpu', device: 't', notes: [] }, dataset: { kind: 'csv', fingerprint: 'f' } },
});

/** Opens Connect with a client and resolves with the first error, or 'welcomed'. */
function tryConnect(client: SiteServiceClient, siteId: string): Promise<grpc.ServiceError | 'welcomed'> {
  return new Promise((resolve) => {
    const stream = client.connect(new grpc.Metadata());
    stream.on('data', (m: consilium.v1.CoordinatorMessage) => {
      if (m.welcome) {
        stream.cancel();
        resolve('welcomed');
      }
    });
    stream.on('error', (error: grpc.ServiceError) => resolve(error));
    stream.write(hello(siteId));
  });
}

describe('mutual TLS and site identity', () => {
  let coordinator: TestCoordinator;

  beforeAll(async () => {
    coordinator = await testCoordinator();
  });
  afterAll(async () => {
    await coordinator?.close();
  });

  it('fails the handshake without a client certificate, and with one from another CA', async () => {
    const anonymous = await tryConnect(clientWith(coordinator.grpcAddress, null, coordinator.caCertificatePem), 'site-a');
    expect(anonymous).not.toBe('welcomed');
    expect((anonymous as grpc.ServiceError).code).toBe(grpc.status.UNAVAILABLE);

    const rogueCaKeys = await generateKeyPair();
    const rogueCa = await createCaCertificate('Rogue CA', rogueCaKeys, 10);
    const keys = await generateKeyPair();
    const rogueCert = await issueSiteCertificate({ caCertificatePem: rogueCa, caKeys: rogueCaKeys }, await createSiteCsr('site-a', keys), 'site-a', {
      days: 1,
    });
    // The site trusts the real CA, but presents a certificate the federation CA never signed.
    const rogue = await tryConnect(
      clientWith(coordinator.grpcAddress, { keyPem: keys.privateKeyPem, certPem: rogueCert, caPem: coordinator.caCertificatePem }),
      'site-a',
    );
    expect(rogue).not.toBe('welcomed');
    expect((rogue as grpc.ServiceError).code).toBe(grpc.status.UNAVAILABLE);
  });

  it('refuses an expired or already used enrolment token with a clear error', async () => {
    await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'site-t' });
    const { token } = (await postJson(`${coordinator.httpUrl}/api/sites/site-t/enrolment-tokens`, { ttlHours: 1 })).body;
    const csr = await createSiteCsr('site-t', await generateKeyPair());
    expect((await postJson(`${coordinator.httpUrl}/api/enrolments`, { token, csr })).status).toBe(201);
    const again = await postJson(`${coordinator.httpUrl}/api/enrolments`, { token, csr });
    expect(again.status).toBe(401);
    expect(again.body.error.message).toMatch(
      /^enrolment token was already used at \S+; tokens work once: ask the administrator for a new one \(consilium federation token site-t\)$/,
    );

    const short = (await postJson(`${coordinator.httpUrl}/api/sites/site-t/enrolment-tokens`, { ttlHours: 0.0003 })).body; // about one second
    await new Promise((r) => setTimeout(r, 1300));
    const expired = await postJson(`${coordinator.httpUrl}/api/enrolments`, { token: short.token, csr });
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toBe(
      `enrolment token expired at ${short.expiresAt}; ask the administrator for a new one (consilium federation token site-t)`,
    );

    // A token for one site cannot certify another.
    const forT = (await postJson(`${coordinator.httpUrl}/api/sites/site-t/enrolment-tokens`, {})).body.token;
    const wrong = await postJson(`${coordinator.httpUrl}/api/enrolments`, { token: forT, csr: await createSiteCsr('site-x', await generateKeyPair()) });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.message).toBe('csr: subject CN is "site-x" but the token is for site "site-t"; enrol with the site\'s own siteId');
  });

  it('refuses a revoked certificate at connect and closes the open stream', async () => {
    const identity = await enrolTestSite(coordinator, 'site-r');
    const client = clientWith(coordinator.grpcAddress, identity);
    const stream = client.connect(new grpc.Metadata());
    const closed = new Promise<grpc.ServiceError>((resolve) => stream.on('error', resolve));
    const welcomed = new Promise((resolve) => stream.on('data', (m: consilium.v1.CoordinatorMessage) => m.welcome && resolve(true)));
    stream.write(hello('site-r'));
    await welcomed;
    const revoked = await postJson(`${coordinator.httpUrl}/api/sites/site-r/revoke`, {});
    expect(revoked.status).toBe(200);
    expect(revoked.body.certificates).toBe(1);
    const error = await closed;
    expect(error.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(error.details).toBe('site site-r was revoked by an administrator');
    const again = (await tryConnect(clientWith(coordinator.grpcAddress, identity), 'site-r')) as grpc.ServiceError;
    expect(again.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(again.details).toMatch(/^certificate [0-9a-f]+ of site site-r was revoked at \S+; the site must enrol again with a new token$/);
    const sites = (await (await api(`${coordinator.httpUrl}/api/sites`)).json()).sites;
    expect(sites.find((s: { id: string }) => s.id === 'site-r')).toMatchObject({ certificate: null, online: false });
  });

  it("keeps site A from fetching or submitting for site B's task", async () => {
    const b = await connectSite(coordinator, 'site-b');
    const a = await connectSite(coordinator, 'site-a2');
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, tinySpec(['site-b']));
    expect(created.status).toBe(201);
    const task = await waitFor(async () => b.tasks[0]);
    const model = await fetchModel(a.client, a.metadata, task.modelVersionId, 0).catch((e: grpc.ServiceError) => e);
    expect((model as grpc.ServiceError).code).toBe(grpc.status.PERMISSION_DENIED);
    expect((model as grpc.ServiceError).details).toBe(`model ${task.modelVersionId} is not the base of any task of site site-a2`);
    const header = {
      taskId: task.taskId,
      runId: task.runId,
      round: task.round,
      sampleCount: 1,
      encoding: 'float32',
      totalBytes: 4,
      sha256: '0'.repeat(64),
      baseModelVersionId: task.modelVersionId,
    };
    const receipt = await submit(a.client, a.metadata, header, new Uint8Array(4)).catch((e: grpc.ServiceError) => e);
    expect((receipt as grpc.ServiceError).code).toBe(grpc.status.PERMISSION_DENIED);
    expect((receipt as grpc.ServiceError).details).toBe(`task ${task.taskId} was assigned to another site; a site submits only for its own tasks`);
    // Site B itself may fetch; both refusals are in the audit trail.
    expect((await fetchModel(b.client, b.metadata, task.modelVersionId, 0)).length).toBe(Number(task.modelBytes));
    const denied = (await (await api(`${coordinator.httpUrl}/api/audit?action=access.denied`)).json()).events;
    expect(denied.map((e: { actor: string }) => e.actor)).toEqual(['site:site-a2', 'site:site-a2']);
    a.connect.cancel();
    b.connect.cancel();
  });

  it('does not train a run that needs approval until the site approves its spec hash', async () => {
    const site = await connectSite(coordinator, 'site-p', '', false);
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, tinySpec(['site-p']));
    const offer = await waitFor(async () => site.offers.find((o) => o.runId === created.body.id));
    expect(offer.specSha256).toBe(created.body.specSha256);
    site.connect.write({ consent: { runId: offer.runId, specSha256: offer.specSha256, state: 'awaiting-approval', reason: 'awaiting approval by the site' } });
    await waitFor(async () => (await (await api(`${coordinator.httpUrl}/api/runs/${offer.runId}`)).json()).consents[0]?.state === 'awaiting-approval');
    await new Promise((r) => setTimeout(r, 500));
    expect(site.tasks).toHaveLength(0);
    const waiting = await (await api(`${coordinator.httpUrl}/api/runs/${offer.runId}`)).json();
    expect(waiting.rounds).toEqual([]);
    site.connect.write({ consent: { runId: offer.runId, specSha256: offer.specSha256, state: 'approved', reason: '' } });
    const task = await waitFor(async () => site.tasks[0]);
    expect(task.runSpecSha256).toBe(offer.specSha256);
    site.connect.cancel();
  });

  it("fails a run at once when a listed site refuses it by policy, with the site's reason", async () => {
    const site = await connectSite(coordinator, 'site-q', '', false);
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, tinySpec(['site-q']));
    const offer = await waitFor(async () => site.offers.find((o) => o.runId === created.body.id));
    const reason = 'site policy: layer Dense not allowed by the site policy (allowedLayers: Conv2D)';
    site.connect.write({ consent: { runId: offer.runId, specSha256: offer.specSha256, state: 'refused', reason } });
    const failed = await waitFor(async () => {
      const d = await (await api(`${coordinator.httpUrl}/api/runs/${offer.runId}`)).json();
      return d.run.status === 'failed' ? d : null;
    });
    expect(failed.consents).toEqual([expect.objectContaining({ siteId: 'site-q', state: 'refused', reason })]);
    expect(failed.run.error).toContain(`site-q refused (${reason})`);
    site.connect.cancel();
  });

  it('limits the calls one site may open per minute', async () => {
    const limited = await testCoordinator({ siteCallsPerMinute: 3 });
    try {
      const identity = await enrolTestSite(limited, 'site-l');
      const outcomes = [];
      for (let i = 0; i < 4; i++) outcomes.push(await tryConnect(clientWith(limited.grpcAddress, identity), 'site-l'));
      expect(outcomes.slice(0, 3)).toEqual(['welcomed', 'welcomed', 'welcomed']);
      expect((outcomes[3] as grpc.ServiceError).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
      expect((outcomes[3] as grpc.ServiceError).details).toBe(
        'site site-l opened more than 3 calls in the last minute (siteCallsPerMinute); back off and retry',
      );
    } finally {
      await limited.close();
    }
  });
});

/**
 * Every route of every controller, with the roles allowed to call it. The
 * test below fails if a route is added without a row here.
 */
const MATRIX: Record<string, TestRole[] | 'public'> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /api/ca': 'public',
  'POST /api/enrolments': 'public',
  'GET /api/tokens': ['admin'],
  'POST /api/tokens': ['admin'],
  'DELETE /api/tokens/:id': ['admin'],
  'GET /api/sites': ['admin', 'researcher'],
  'POST /api/sites': ['admin'],
  'GET /api/sites/:id/profiles': ['admin', 'researcher', 'auditor'],
  'POST /api/sites/:id/enrolment-tokens': ['admin'],
  'POST /api/sites/:id/revoke': ['admin'],
  'POST /api/runs': ['researcher'],
  'POST /api/evaluations': ['researcher'],
  'GET /api/runs': ['researcher'],
  'GET /api/runs/:id': ['researcher'],
  'POST /api/runs/:id/cancel': ['researcher'],
  'GET /api/runs/:id/data-quality': ['researcher', 'auditor'],
  'GET /api/runs/:id/label-mappings': ['researcher', 'auditor'],
  'GET /api/runs/:id/privacy': ['researcher', 'auditor'],
  'GET /api/runs/:id/subgroups': ['researcher'],
  'GET /api/runs/:id/model': ['researcher'],
  'GET /api/runs/:id/model/model.json': ['researcher'],
  'GET /api/runs/:id/model/weights.bin': ['researcher'],
  'POST /api/runs/:id/report': ['researcher'],
  'POST /api/runs/:id/cross-site': ['researcher'],
  'GET /api/runs/:id/cross-site': ['researcher'],
  'GET /api/models/:id/model.json': ['researcher'],
  'GET /api/models/:id/weights.bin': ['researcher'],
  'GET /api/models/:id/lineage': ['researcher', 'auditor'],
  'POST /api/models': ['researcher'],
  'GET /api/models': ['researcher', 'auditor'],
  'GET /api/audit': ['auditor'],
  'GET /api/audit/verify': ['auditor'],
  'GET /api/audit/key': ['auditor'],
  'GET /api/audit/key.pem': ['auditor'],
  'GET /metrics': ['monitor', 'admin'],
  'GET /api/openapi.json': 'public',
  'GET /api/docs': 'public',
  'GET /api/docs/init.js': 'public',
  'GET /api/session': ['admin', 'researcher', 'auditor', 'monitor'],
};

function declaredRoutes(): string[] {
  return declared(HTTP_CONTROLLERS)
    .map((r) => `${r.method} ${r.path}`)
    .sort();
}

describe('roles × endpoints', () => {
  let coordinator: TestCoordinator;
  let runId: string;
  let modelId: string;

  beforeAll(async () => {
    coordinator = await testCoordinator();
    const site = await connectSite(coordinator, 'site-m');
    site.connect.cancel();
    runId = (await postJson(`${coordinator.httpUrl}/api/runs`, { ...tinySpec(['site-m']), siteWaitSeconds: 600 })).body.id;
    modelId = (await (await api(`${coordinator.httpUrl}/api/runs/${runId}`)).json()).run.latestModelVersionId;
  });
  afterAll(async () => {
    await coordinator?.close();
  });

  it('has a row for every route', () => {
    expect(declaredRoutes()).toEqual(Object.keys(MATRIX).sort());
  });

  it('lists every route in the OpenAPI document with the roles that may call it', async () => {
    const response = await fetch(`${coordinator.httpUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    const document = await response.json();
    expect(document.openapi).toBe('3.1.0');
    const documented: Record<string, string[]> = {};
    for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, { 'x-roles': string[] }>>))
      for (const [method, operation] of Object.entries(operations))
        documented[`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`] = operation['x-roles'];
    expect(documented).toEqual(Object.fromEntries(Object.entries(MATRIX).map(([route, roles]) => [route, roles === 'public' ? ['public'] : roles])));
    const docs = await fetch(`${coordinator.httpUrl}/api/docs`);
    expect(docs.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const assets = [...(await docs.text()).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(['/api/docs/swagger-ui.css', '/api/docs/swagger-ui-bundle.js', '/api/docs/init.js']);
    for (const asset of assets) expect((await fetch(`${coordinator.httpUrl}${asset}`)).status).toBe(200);
  });

  /** A fresh, valid request for the route, so an allowed role gets a success and nothing is used up. */
  async function requestFor(route: string, role: TestRole | null): Promise<Response> {
    const [method, pattern] = route.split(' ') as [string, string];
    const url = async (): Promise<string> => {
      if (pattern === '/api/tokens/:id') {
        return `/api/tokens/${(await postJson(`${coordinator.httpUrl}/api/tokens`, { name: `t-${Math.random().toString(36).slice(2)}`, role: 'auditor' }, 'application/json', 'admin')).body.id}`;
      }
      if (pattern === '/api/runs/:id/cancel')
        return `/api/runs/${(await postJson(`${coordinator.httpUrl}/api/runs`, tinySpec(['site-m']), 'application/json', 'researcher')).body.id}/cancel`;
      if (pattern === '/api/sites/:id/revoke' || pattern === '/api/sites/:id/enrolment-tokens') {
        const id = `s-${Math.random().toString(36).slice(2, 8)}`;
        await postJson(`${coordinator.httpUrl}/api/sites`, { id }, 'application/json', 'admin');
        return pattern.replace(':id', id);
      }
      return pattern
        .replace('/api/models/:id', `/api/models/${modelId}`)
        .replace('/api/sites/:id', '/api/sites/site-m')
        .replace('/api/runs/:id', `/api/runs/${runId}`);
    };
    const bodies: Record<string, unknown> = {
      'POST /api/tokens': { name: `n-${Math.random().toString(36).slice(2)}`, role: 'researcher' },
      'POST /api/sites': { id: `p-${Math.random().toString(36).slice(2, 8)}` },
      'POST /api/runs': tinySpec(['site-m']),
      'POST /api/evaluations': { model: modelId, sites: ['site-m'] },
      'POST /api/models': tinyUpload(),
      'POST /api/enrolments': { token: `cet1.${'x'.repeat(43)}.${'0'.repeat(64)}`, csr: '-----BEGIN CERTIFICATE REQUEST-----' },
    };
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(role ? { authorization: `Bearer ${coordinator.tokens[role]}` } : {}) };
    const body = method === 'POST' ? JSON.stringify(bodies[route] ?? {}) : undefined;
    return fetch(`${coordinator.httpUrl}${await url()}`, { method, headers, ...(body ? { body } : {}) });
  }

  for (const [route, allowed] of Object.entries(MATRIX)) {
    for (const role of ['admin', 'researcher', 'auditor', 'monitor'] as const) {
      const expected = allowed === 'public' || allowed.includes(role);
      it(`${route} as ${role}: ${expected ? 'allowed' : '403'}`, async () => {
        const response = await requestFor(route, role);
        if (!expected) {
          expect(response.status).toBe(403);
          expect((await response.json()).error.message).toMatch(new RegExp(`^token "test-${role}|admin" has the ${role} role; it needs the .+ role$`));
        } else if (route === 'POST /api/enrolments') {
          // Public, and answered on its merits: a made-up token is refused by the enrolment itself, not by the role check.
          expect(response.status).toBe(401);
          expect((await response.json()).error.message).toMatch(/^enrolment token is not known to this coordinator/);
        } else if (route === 'POST /api/runs/:id/cross-site') {
          // Past the role check, answered on its merits: the tiny run is no FedBN run with crossSite.
          expect(response.status).toBe(409);
          expect((await response.json()).error.message).toMatch(/collected no personalised models/);
        } else {
          expect(response.status, await response.clone().text()).toBeLessThan(300);
        }
      });
    }
    if (allowed !== 'public') {
      it(`${route} without a token: 401`, async () => {
        const response = await requestFor(route, null);
        expect(response.status).toBe(401);
      });
    }
  }
});

describe('HTTPS for the REST API', () => {
  let coordinator: TestCoordinator;

  beforeAll(async () => {
    coordinator = await testCoordinator({ https: true });
  });
  afterAll(async () => {
    await coordinator?.close();
  });

  it("serves REST over HTTPS with the federation CA's certificate, and a site enrols over it, checking the CA against its token", async () => {
    expect(coordinator.httpUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const health = await new RestClient(coordinator.httpUrl, { caPem: coordinator.caCertificatePem }).request<{ status: string }>('GET', '/healthz');
    expect(health.status).toBe('ok');
    await expect(new RestClient(coordinator.httpUrl).request('GET', '/healthz')).rejects.toThrow(
      /^cannot reach the coordinator at https:\/\/127.0.0.1:\d+: (unable to verify the first certificate|self-signed certificate in certificate chain)$/,
    );

    const admin = new RestClient(coordinator.httpUrl, { caPem: coordinator.caCertificatePem, token: coordinator.tokens.admin });
    await admin.request('POST', '/api/sites', { json: { id: 'site-h' } });
    const { token } = await admin.request<{ token: string }>('POST', '/api/sites/site-h/enrolment-tokens', { json: {} });
    const stateDir = mkdtempSync(path.join(tmpdir(), 'consilium-https-'));
    // A token naming another CA (a coordinator impersonated in between) is refused before any CSR is sent.
    const forged = token.replace(/\.[0-9a-f]{64}$/, `.${'0'.repeat(64)}`);
    await expect(enrolSite(stateDir, 'site-h', coordinator.httpUrl, forged)).rejects.toThrow(
      /is not the one the token names \(0{64}\): wrong coordinator, or someone in between$/,
    );
    const identity = await enrolSite(stateDir, 'site-h', coordinator.httpUrl, token);
    expect(identity.info.commonName).toBe('site-h');
    expect((statSync(path.join(stateDir, 'identity', 'site.key.pem')).mode & 0o777).toString(8)).toBe('600');
    expect(await tryConnect(clientWith(coordinator.grpcAddress, identity), 'site-h')).toBe('welcomed');
  });
});
