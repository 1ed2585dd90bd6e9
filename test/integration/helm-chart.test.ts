import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';

import { RestClient } from '../../common/rest-client.js';
import { loadCoordinatorConfig } from '../../coordinator/config/coordinator-config.js';
import { initCoordinator } from '../../coordinator/init.js';
import { type RunningCoordinator, startCoordinator } from '../../coordinator/main.js';
import { PkiStore } from '../../coordinator/persistence/pki-store.js';
import { signingKeyFile } from '../../coordinator/services/audit-log.js';
import {
  buildHelmTemplate,
  helmTemplate,
  helmTemplateBuildable,
  type Manifest,
  schemaProblems,
  unknownFieldProblems,
} from '../support/kubernetes-manifests.js';
import { freshSchema } from '../support/postgres.js';

const chart = path.resolve('deploy/helm/consilium-coordinator');
const databaseUrl = process.env['DATABASE_URL'];
const s3Endpoint = process.env['CONSILIUM_S3_ENDPOINT'];
const STATE = '/var/lib/consilium/coordinator';

/** What an operator must give: the database, bucket and PKI Secrets (values.yaml leaves them empty on purpose). */
const REQUIRED = {
  database: { existingSecret: 'consilium-database' },
  objectStore: { bucket: 'consilium-fl', endpoint: 'http://minio.storage:9000', credentials: { existingSecret: 'consilium-objects' } },
  pki: { existingSecret: 'consilium-pki' },
};

interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: { name: string; valueFrom: { secretKeyRef: { name: string; key: string } } }[];
  ports?: { name: string; containerPort: number; protocol: string }[];
  startupProbe: { httpGet: { path: string; port: string; scheme: string } };
  livenessProbe: { httpGet: { path: string; port: string; scheme: string } };
  readinessProbe: { httpGet: { path: string; port: string; scheme: string } };
  securityContext: Record<string, unknown>;
  volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
}
interface PodSpec {
  securityContext: Record<string, unknown>;
  automountServiceAccountToken: boolean;
  initContainers: Container[];
  containers: Container[];
  volumes: { name: string; secret?: { secretName: string; items?: { key: string; path: string }[] }; emptyDir?: unknown; configMap?: unknown }[];
}

const runnable = helmTemplateBuildable || Boolean(process.env['CI']);
let binary = '';
let file = 0;
const dir = mkdtempSync(path.join(tmpdir(), 'helm-chart-'));
if (runnable) beforeAll(() => void (binary = buildHelmTemplate()), 120_000);
// The renderer's folder holds its Go build cache (about 20 MB); values files and the pod's folders are under dir.
afterAll(() => {
  if (binary) rmSync(path.dirname(binary), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
});

/** `helm template fl consortium -f …` with these values, each written to a file of its own. */
function render(...values: object[]): { manifests: Manifest[]; error: string } {
  const valuesFiles = values.map((v) => {
    const name = path.join(dir, `values-${file++}.yaml`);
    writeFileSync(name, toYaml(v));
    return name;
  });
  return helmTemplate(binary, chart, { name: 'fl', namespace: 'consortium', valuesFiles });
}
function one(manifests: Manifest[], kind: string, name?: string): Manifest {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  expect(found, `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0]!;
}
const pod = (manifests: Manifest[]) => (one(manifests, 'Deployment').spec as { template: { spec: PodSpec } }).template.spec;
const coordinatorYaml = (manifests: Manifest[]) => (one(manifests, 'ConfigMap').data as Record<string, string>)['coordinator.yaml']!;

describe.runIf(runnable)("the coordinator's Helm chart, rendered by Helm's template engine", () => {
  it("renders every object, and each validates against Kubernetes 1.27's schemas with no unknown field", () => {
    const { manifests, error } = render(REQUIRED, { metrics: { serviceMonitor: { enabled: true, tokenSecret: { name: 'consilium-monitor' } } } });
    expect(error).toBe('');
    expect(manifests.map((m) => `${m.apiVersion} ${m.kind} ${m.metadata.name}`)).toEqual([
      'v1 ConfigMap fl-consilium-coordinator',
      'apps/v1 Deployment fl-consilium-coordinator',
      'policy/v1 PodDisruptionBudget fl-consilium-coordinator',
      'v1 ServiceAccount fl-consilium-coordinator',
      'monitoring.coreos.com/v1 ServiceMonitor fl-consilium-coordinator',
      'v1 Service fl-consilium-coordinator-https',
      'v1 Service fl-consilium-coordinator-grpc',
    ]);
    for (const manifest of manifests) expect(schemaProblems(manifest), manifest.kind).toEqual([]);
    expect(unknownFieldProblems(manifests)).toEqual([]);
    for (const manifest of manifests) {
      expect(manifest.metadata.namespace).toBe('consortium');
      expect(manifest.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'consilium-coordinator',
        'app.kubernetes.io/instance': 'fl',
        'app.kubernetes.io/version': '0.1.0',
      });
    }
  });

  it('the checks find a wrong type and a misspelt field', () => {
    const { manifests } = render(REQUIRED);
    const deployment = one(manifests, 'Deployment');
    const broken = structuredClone(deployment) as Manifest & { spec: { replicas: unknown; template: { spec: { containers: Record<string, unknown>[] } } } };
    broken.spec.replicas = 'two';
    broken.spec.template.spec.containers[0]!['readinesProbe'] = broken.spec.template.spec.containers[0]!['readinessProbe'];
    expect(schemaProblems(broken)).toEqual(['data/spec/replicas must be integer']);
    const problems = unknownFieldProblems([broken]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("Type 'string' is not assignable to type 'number'");
    expect(problems[1]).toContain(`'"readinesProbe"' does not exist in type 'IContainer'`);
    expect(unknownFieldProblems([deployment])).toEqual([]);
  });

  it('runs N replicas as user 10001 on a read-only root, probes /healthz and /readyz over HTTPS, and takes every secret by reference', () => {
    const { manifests } = render(REQUIRED, { replicaCount: 3 });
    expect((one(manifests, 'Deployment').spec as { replicas: number }).replicas).toBe(3);
    const spec = pod(manifests);
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      fsGroup: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    const [coordinator] = spec.containers;
    expect(coordinator!.image).toBe('registry.example.org/consilium/consilium-coordinator:0.1.0');
    expect(coordinator!.args).toEqual(['coordinator', 'start', '--config', '/etc/consilium/config/coordinator.yaml']);
    expect(coordinator!.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(coordinator!.ports).toEqual([
      { name: 'api', containerPort: 8080, protocol: 'TCP' },
      { name: 'grpc', containerPort: 50051, protocol: 'TCP' },
    ]);
    expect(coordinator!.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'api', scheme: 'HTTPS' });
    expect(coordinator!.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'api', scheme: 'HTTPS' });
    expect(coordinator!.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'api', scheme: 'HTTPS' });
    expect(coordinator!.env).toEqual([
      { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'consilium-database', key: 'url' } } },
      { name: 'AWS_ACCESS_KEY_ID', valueFrom: { secretKeyRef: { name: 'consilium-objects', key: 'AWS_ACCESS_KEY_ID' } } },
      { name: 'AWS_SECRET_ACCESS_KEY', valueFrom: { secretKeyRef: { name: 'consilium-objects', key: 'AWS_SECRET_ACCESS_KEY' } } },
    ]);
    expect(coordinator!.volumeMounts.map((m) => m.mountPath)).toEqual(['/etc/consilium/config', '/var/lib/consilium', '/tmp']);
    // The PKI Secret's three files land where the coordinator reads them, on the writable state volume.
    expect(spec.volumes.find((v) => v.name === 'pki')?.secret).toEqual({
      secretName: 'consilium-pki',
      defaultMode: 0o440,
      items: ['ca.cert.pem', 'ca.key.pem', 'audit-signing-key.pem'].map((key) => ({ key, path: key })),
    });
    const copy = spec.initContainers[0]!.command!.join(' ');
    expect(copy).toContain(`install -m 0600 /etc/consilium/pki/ca.cert.pem /etc/consilium/pki/ca.key.pem ${PkiStore.folder(STATE)}/`);
    expect(copy).toContain(`install -m 0600 /etc/consilium/pki/audit-signing-key.pem ${path.dirname(signingKeyFile(STATE))}/`);
    // No Secret and no password is rendered by the chart itself.
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
    expect(JSON.stringify(manifests)).not.toMatch(/postgres:\/\//);
  });

  it("renders a coordinator.yaml the coordinator accepts: cluster on PostgreSQL, the S3 bucket, and the Services' names in its certificate", () => {
    const { manifests } = render(REQUIRED, { serverNames: ['fl.example.org'], cluster: { leaseSeconds: 20 }, config: { siteCallsPerMinute: 600 } });
    const configFile = path.join(dir, 'coordinator.yaml');
    writeFileSync(configFile, coordinatorYaml(manifests));
    const config = loadCoordinatorConfig(configFile, { DATABASE_URL: 'postgres://consilium@db:5432/consilium', CONSILIUM_STATE_DIR: STATE });
    expect(config).toMatchObject({
      host: '0.0.0.0',
      httpPort: 8080,
      grpcPort: 50051,
      stateDir: STATE,
      https: true,
      siteCallsPerMinute: 600,
      cluster: { kind: 'postgres', leaseSeconds: 20, channel: 'consilium' },
      blobStore: {
        kind: 's3',
        bucket: 'consilium-fl',
        endpoint: 'http://minio.storage:9000',
        region: 'us-east-1',
        forcePathStyle: true,
        prefix: '',
        cacheBytes: 2_147_483_648,
      },
    });
    expect(config.serverNames).toEqual([
      'fl-consilium-coordinator-grpc',
      'fl-consilium-coordinator-grpc.consortium',
      'fl-consilium-coordinator-grpc.consortium.svc',
      'fl-consilium-coordinator-https',
      'fl-consilium-coordinator-https.consortium',
      'fl-consilium-coordinator-https.consortium.svc',
      'fl.example.org',
    ]);
  });

  it('exposes HTTPS and gRPC as Services (gRPC as plain TCP, for mTLS passthrough) and scrapes /metrics with a monitor token and the federation CA', () => {
    const { manifests } = render(REQUIRED, {
      service: { grpc: { loadBalancerSourceRanges: ['192.0.2.0/24'] } },
      metrics: { serviceMonitor: { enabled: true, tokenSecret: { name: 'consilium-monitor' } } },
    });
    expect(one(manifests, 'Service', 'fl-consilium-coordinator-https').spec).toEqual({
      type: 'ClusterIP',
      selector: { 'app.kubernetes.io/name': 'consilium-coordinator', 'app.kubernetes.io/instance': 'fl' },
      ports: [{ name: 'api', port: 443, targetPort: 'api', protocol: 'TCP', appProtocol: 'https' }],
    });
    expect(one(manifests, 'Service', 'fl-consilium-coordinator-grpc').spec).toEqual({
      type: 'LoadBalancer',
      selector: { 'app.kubernetes.io/name': 'consilium-coordinator', 'app.kubernetes.io/instance': 'fl' },
      externalTrafficPolicy: 'Cluster',
      loadBalancerSourceRanges: ['192.0.2.0/24'],
      ports: [{ name: 'grpc', port: 50051, targetPort: 'grpc', protocol: 'TCP' }],
    });
    expect((one(manifests, 'ServiceMonitor').spec as { endpoints: unknown[] }).endpoints).toEqual([
      {
        port: 'api',
        path: '/metrics',
        interval: '30s',
        scrapeTimeout: '10s',
        authorization: { type: 'Bearer', credentials: { name: 'consilium-monitor', key: 'token' } },
        scheme: 'https',
        tlsConfig: { serverName: 'fl-consilium-coordinator-https.consortium.svc', ca: { secret: { name: 'consilium-pki', key: 'ca.cert.pem' } } },
      },
    ]);
  });

  it("serves an organisation's certificate from a TLS Secret, or plain HTTP when HTTPS is off", () => {
    const organisation = render(REQUIRED, { https: { existingSecret: 'fl-example-org-tls' }, serverNames: ['fl.example.org'] });
    expect(organisation.error).toBe('');
    const spec = pod(organisation.manifests);
    expect(spec.containers[0]!.volumeMounts.at(-1)).toEqual({ name: 'https', mountPath: '/etc/consilium/https', readOnly: true });
    expect(spec.volumes.find((v) => v.name === 'https')?.secret).toEqual({ secretName: 'fl-example-org-tls', defaultMode: 0o440 });
    expect(coordinatorYaml(organisation.manifests)).toContain('httpsCertFile: /etc/consilium/https/tls.crt\nhttpsKeyFile: /etc/consilium/https/tls.key\n');
    const plain = render(REQUIRED, { https: { enabled: false } });
    expect(pod(plain.manifests).containers[0]!.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'api', scheme: 'HTTP' });
    expect(unknownFieldProblems([...organisation.manifests, ...plain.manifests])).toEqual([]);
  });

  it('refuses bad values with the field and the fix, as helm install would', () => {
    const schema = (values: object) => render(REQUIRED, values).error;
    expect(schema({ replicaCount: 0 })).toBe(
      "Error: values don't meet the specifications of the schema(s) in the following chart(s):\nconsilium-coordinator:\n- replicaCount: Must be greater than or equal to 1",
    );
    expect(schema({ replicas: 3 })).toContain('- (root): Additional property replicas is not allowed');
    expect(schema({ objectStore: { bucket: 'Not_A_Bucket' } })).toContain('- objectStore.bucket: Does not match pattern');
    expect(schema({ cluster: { leaseSeconds: '15' } })).toContain('- cluster.leaseSeconds: Invalid type. Expected: integer, given: string');

    expect(render({ ...REQUIRED, database: { existingSecret: '' } }).error).toBe(
      'Error: execution error at (consilium-coordinator/templates/configmap.yaml:1:4): database.existingSecret: name the Secret holding the PostgreSQL URL every replica shares (kubectl create secret generic consilium-database --from-literal=url=postgres://USER:PASSWORD@HOST:5432/DB)',
    );
    expect(render({ database: REQUIRED.database, pki: REQUIRED.pki }).error).toContain('objectStore.bucket: name the S3 bucket the replicas share');
    expect(render({ database: REQUIRED.database, objectStore: REQUIRED.objectStore }).error).toContain('pki.existingSecret: name the Secret with ca.cert.pem');
    expect(schema({ config: { databaseUrl: 'postgres://x@y/z' } })).toContain(
      'config.databaseUrl: the chart sets it (it comes from database.existingSecret); remove it from config',
    );
    expect(schema({ metrics: { serviceMonitor: { enabled: true } } })).toContain(
      'metrics.serviceMonitor.tokenSecret.name: /metrics needs a monitor-role token',
    );
  });

  it("keeps the chart's appVersion, the image's tag, equal to the package's version", () => {
    const appVersion = /^appVersion: '([^']+)'$/m.exec(readFileSync(path.join(chart, 'Chart.yaml'), 'utf8'))?.[1];
    expect(appVersion).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});

/**
 * One pod as the Deployment describes it, with the kubelet's part played here: the Secret made from what
 * `consilium coordinator init` wrote, the init container's copy run as rendered (its paths under a temporary
 * root), and the coordinator started on the rendered coordinator.yaml, a real PostgreSQL and a real S3 store.
 */
describe.runIf(runnable && databaseUrl && s3Endpoint)('a pod of the chart, on a real PostgreSQL and S3 store', () => {
  let coordinator: RunningCoordinator | undefined;
  afterAll(() => coordinator?.close());

  it("starts from the Secret init made, answers its probes over HTTPS, and signs with the federation's key", async () => {
    const bucket = `consilium-chart-${process.pid}-${Date.now()}`;
    await new S3Client({ region: 'us-east-1', endpoint: s3Endpoint, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: bucket }));
    const database = (await freshSchema(databaseUrl!, 'chart')).url;

    // The operator, once: init against the shared database, then a Secret of its three files.
    const initDir = mkdtempSync(path.join(dir, 'init-'));
    const init = await initCoordinator(loadCoordinatorConfig(undefined, {}, { stateDir: initDir, databaseUrl: database }));
    const root = mkdtempSync(path.join(dir, 'pod-'));
    const secret = path.join(root, 'etc/consilium/pki');
    mkdirSync(secret, { recursive: true });
    copyFileSync(init.caFile, path.join(secret, 'ca.cert.pem'));
    copyFileSync(path.join(PkiStore.folder(initDir), 'ca.key.pem'), path.join(secret, 'ca.key.pem'));
    copyFileSync(init.signingKeyFile, path.join(secret, 'audit-signing-key.pem'));

    const { manifests } = render(REQUIRED, { objectStore: { bucket, endpoint: s3Endpoint, credentials: { existingSecret: '' } } });
    const spec = pod(manifests);
    const within = (text: string) => text.replaceAll('/etc/consilium/', `${root}/etc/consilium/`).replaceAll('/var/lib/consilium', `${root}/var/lib/consilium`);
    const copy = spawnSync('sh', spec.initContainers[0]!.command!.slice(1).map(within), { encoding: 'utf8' });
    expect(copy.stderr).toBe('');
    expect(copy.status).toBe(0);

    const configFile = path.join(root, 'coordinator.yaml');
    writeFileSync(configFile, within(coordinatorYaml(manifests)));
    const config = loadCoordinatorConfig(configFile, { DATABASE_URL: database }, { host: '127.0.0.1', httpPort: 0, grpcPort: 0 });
    coordinator = await startCoordinator(config, { quiet: true });
    expect(coordinator.caCertificatePem).toBe(readFileSync(init.caFile, 'utf8'));

    // The probes, as the kubelet sends them (it does not check the certificate; this client trusts the federation CA).
    const client = new RestClient(coordinator.httpUrl, { caPem: coordinator.caCertificatePem });
    const probe = spec.containers[0]!;
    expect(coordinator.httpUrl).toMatch(new RegExp(`^${probe.readinessProbe.httpGet.scheme.toLowerCase()}://`));
    expect(await client.request('GET', probe.livenessProbe.httpGet.path)).toMatchObject({ status: 'ok', database: { writable: true } });
    expect(await client.request('GET', probe.readinessProbe.httpGet.path)).toMatchObject({ ready: true, blobs: { writable: true, error: null } });

    const admin = new RestClient(coordinator.httpUrl, { token: init.adminToken, caPem: coordinator.caCertificatePem });
    const { token } = await admin.request<{ token: string }>('POST', '/api/tokens', { json: { name: 'auditor', role: 'auditor' } });
    const auditor = new RestClient(coordinator.httpUrl, { token, caPem: coordinator.caCertificatePem });
    expect(await auditor.request<{ keyId: string }>('GET', '/api/audit/key')).toMatchObject({ keyId: init.signingKeyId });
  }, 60_000);
});
