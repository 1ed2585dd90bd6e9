import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

import { demoRunSpec } from '../../cli/demo/demo.js';
import { DEMO_CLASSES, DEMO_SITES, IMAGE_SIZE, writeSiteImages } from '../../cli/demo/synthetic-lesions.js';
import { decodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import { api, postJson, registerTokens, waitFor } from '../support/coordinator.js';
import { residualSpec, unetClassifierSpec } from '../support/graph-spec.js';

// Built JS, as users run it: `npm test` builds first.
const cli = path.resolve('dist/cli/main.js');
const children: ChildProcess[] = [];

function start(args: string[], output: string[]): ChildProcess {
  // The coordinator keeps its state in its own temporary SQLite file: a shared DATABASE_URL would carry sites over between runs.
  const { DATABASE_URL: _shared, ...env } = process.env;
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  child.stdout!.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => output.push(d.toString()));
  children.push(child);
  return child;
}

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))));
});

describe('a federation of real processes', () => {
  it('runs 2-round FedAvg and FedBN runs with a coordinator and 2 site agents over gRPC', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'consilium-e2e-'));
    const log: string[] = [];
    const { DATABASE_URL: _shared, ...env } = process.env;
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env });
    const init = run('coordinator', 'init', '--state-dir', path.join(root, 'coordinator'));
    expect(init.status, init.stderr).toBe(0);
    const admin = /^(csk_\S+)$/m.exec(init.stdout)![1]!;
    start(['coordinator', 'start', '--http-port', '0', '--grpc-port', '0', '--state-dir', path.join(root, 'coordinator')], log);
    const ready = await waitFor(async () => /REST (http:\/\/\S+), gRPC (\S+),/.exec(log.join('')));
    const [, httpUrl, grpcAddress] = ready;
    const asAdmin = ['--coordinator-url', httpUrl!, '--api-token', admin];
    const tokenOf = (role: string) => JSON.parse(run('token', 'create', '--name', `e2e-${role}`, '--role', role, ...asAdmin).stdout).token as string;
    const tokens = { admin, researcher: tokenOf('researcher'), auditor: tokenOf('auditor') };
    registerTokens(httpUrl!, tokens);

    const sites = DEMO_SITES.slice(0, 2);
    const configs: string[] = [];
    for (const [i, site] of sites.entries()) {
      await writeSiteImages(path.join(root, site.id, 'images'), 60, site.signature, 50 + i);
      const added = run('federation', 'add-site', site.id, ...asAdmin);
      expect(added.status, added.stderr).toBe(0);
      const config = path.join(root, site.id, 'site.yaml');
      configs.push(config);
      // hospital-a approves runs by hand; hospital-b's policy needs no approval.
      writeFileSync(path.join(root, site.id, 'policy.yaml'), stringify({ requireApproval: i === 0 }));
      writeFileSync(
        config,
        stringify({
          siteId: site.id,
          coordinator: grpcAddress,
          stateDir: './state',
          policy: './policy.yaml',
          data: { kind: 'image-folder', path: './images' },
        }),
      );
      const enrolled = run('site', 'enroll', '--config', config, '--coordinator', httpUrl!, '--token', JSON.parse(added.stdout).token);
      expect(enrolled.status, enrolled.stderr).toBe(0);
      expect((statSync(path.join(root, site.id, 'state', 'identity', 'site.key.pem')).mode & 0o777).toString(8)).toBe('600');
      expect((statSync(path.join(root, site.id, 'state', 'identity', 'site.cert.pem')).mode & 0o777).toString(8)).toBe('600');
      start(['site', 'start', '--config', config], log);
    }
    /** hospital-a's IT waits for the offer, reviews `site runs`, and approves the hash; returns what it reviewed. */
    const approveAll = async (runId: string, specSha256: string): Promise<string> => {
      await waitFor(async () =>
        (await (await api(`${httpUrl}/api/runs/${runId}`)).json()).consents.some(
          (c: { siteId: string; state: string }) => c.siteId === 'hospital-a' && c.state === 'awaiting-approval',
        ),
      );
      const listed = run('site', 'runs', '--config', configs[0]!).stdout;
      expect(listed).toContain(`spec ${specSha256}: not approved`);
      expect(run('site', 'approve', specSha256.slice(0, 12), '--config', configs[0]!).status).toBe(0);
      return listed;
    };
    const spec = { ...demoRunSpec(2), sites: sites.map((s) => s.id), localEpochs: 1 };
    const created = await postJson(`${httpUrl}/api/runs`, spec);
    expect(created.status).toBe(201);
    await approveAll(created.body.id, created.body.specSha256);

    const details = await waitFor(async () => {
      const d = await (await api(`${httpUrl}/api/runs/${created.body.id}`)).json();
      return ['completed', 'failed'].includes(d.run.status) ? d : null;
    }, 120_000);
    expect(details.run.error).toBeNull();
    expect(details.run.status).toBe('completed');
    expect(details.rounds.map((r: { number: number; kind: string; status: string }) => [r.number, r.kind, r.status])).toEqual([
      [1, 'train', 'completed'],
      [2, 'train', 'completed'],
      [3, 'evaluate', 'completed'],
    ]);
    const shas = details.models.map((m: { round: number; sha256: string }) => [m.round, m.sha256]);
    expect(shas.map(([round]: [number]) => round)).toEqual([0, 1, 2]);
    expect(new Set(shas.map(([, sha]: [number, string]) => sha)).size).toBe(3);
    for (const round of details.rounds.slice(0, 2)) {
      expect(round.tasks.map((t: { siteId: string; status: string }) => [t.siteId, t.status])).toEqual([
        ['hospital-a', 'accepted'],
        ['hospital-b', 'accepted'],
      ]);
    }
    const sitesNow = await (await api(`${httpUrl}/api/sites`)).json();
    expect(sitesNow.sites.map((s: { backend: { name: string } }) => s.backend.name)).toEqual(['wasm', 'wasm']);
    // The hello tells the coordinator why the agent did not train on something faster.
    expect(sitesNow.sites[0].backend.notes[0]).toMatch(/^@tensorflow\/tfjs-node-gpu is (not installed|installed but)/);

    // FedBN through the same agents: batch normalization stays at each site, the rest is averaged.
    const layers = [...(spec.model as { config: { layers: object[] } }).config.layers];
    layers.splice(1, 0, { class_name: 'BatchNormalization', config: { momentum: 0.9 } });
    const fedbn = await postJson(`${httpUrl}/api/runs`, {
      ...spec,
      name: 'fedbn',
      strategy: { name: 'fedbn' },
      model: { class_name: 'Sequential', config: { layers } },
    });
    expect(fedbn.status, JSON.stringify(fedbn.body)).toBe(201);
    // hospital IT sees what changed since the spec it approved last: the name, the strategy, the batch norm layer.
    const review = await approveAll(fedbn.body.id, fedbn.body.specSha256);
    expect(review).toContain(`changes against the last approved spec ${created.body.specSha256.slice(0, 12)}`);
    expect(review).toContain('    + name: fedbn');
    expect(review).toContain('    -   name: fedavg');
    expect(review).toContain('    +   name: fedbn');
    const bn = await waitFor(async () => {
      const d = await (await api(`${httpUrl}/api/runs/${fedbn.body.id}`)).json();
      return ['completed', 'failed'].includes(d.run.status) ? d : null;
    }, 120_000);
    expect(bn.run.error).toBeNull();
    expect(
      bn.models.map((m: { aggregation: { strategy: string; used: string[] } | null }) => m.aggregation && [m.aggregation.strategy, m.aggregation.used]),
    ).toEqual([null, ['fedbn', ['hospital-a', 'hospital-b']], ['fedbn', ['hospital-a', 'hospital-b']]]);
    const blob = (sha: string) => decodeTensors(readFileSync(path.join(root, 'coordinator', 'blobs', sha.slice(0, 2), sha)));
    const [initial, , last] = bn.models.map((m: { sha256: string }) => blob(m.sha256));
    const isBn = (t: NamedTensor) => t.name.startsWith('batch_normalization_1/');
    // The global model's batch norm never moves; every other tensor does; each site keeps its own.
    expect(last.filter(isBn)).toEqual(initial.filter(isBn));
    expect(
      last
        .filter((t: NamedTensor) => !isBn(t))
        .some((t: NamedTensor, i: number) => !t.values.every((v, j) => v === initial.filter((x: NamedTensor) => !isBn(x))[i].values[j])),
    ).toBe(true);
    const kept = sites.map((s) => decodeTensors(readFileSync(path.join(root, s.id, 'state', 'local-tensors', `${fedbn.body.id}.tensors`))));
    expect(kept.map((tensors) => tensors.map((t) => t.name))).toEqual(
      [0, 1].map(() => [
        'batch_normalization_1/gamma',
        'batch_normalization_1/beta',
        'batch_normalization_1/moving_mean',
        'batch_normalization_1/moving_variance',
      ]),
    );
    expect(kept[0]![2]!.values).not.toEqual(kept[1]![2]!.values);

    // The audit chain of both runs verifies live and offline; a one-byte edit to an exported event breaks it there.
    const cliRun = (...args: string[]) =>
      spawnSync(process.execPath, [cli, ...args, '--coordinator-url', httpUrl!, '--api-token', tokens.auditor], { encoding: 'utf8' });
    const live = cliRun('audit', 'verify');
    expect(live.status, live.stderr).toBe(0);
    expect(live.stdout).toMatch(/^audit chain verified: \d+ events, head \d+ [0-9a-f]{64}, [1-9]\d* signed checkpoints/);
    const exported = path.join(root, 'audit.jsonl');
    expect(cliRun('audit', 'export', '--out', exported).status).toBe(0);
    writeFileSync(path.join(root, 'key.pem'), (await (await api(`${httpUrl}/api/audit/key`)).json()).publicKeyPem);
    const offline = () => cliRun('audit', 'verify', '--file', exported, '--key', path.join(root, 'key.pem'));
    expect(offline().status).toBe(0);
    const lines = readFileSync(exported, 'utf8').split('\n');
    const target = lines.findIndex((l) => l.includes('"action":"update.accepted"'));
    lines[target] = lines[target]!.replace('"sampleCount":', '"sampleCount":1');
    writeFileSync(exported, lines.join('\n'));
    const broken = offline();
    expect(broken.status).toBe(1);
    expect(broken.stdout.trim()).toBe(`audit chain BROKEN at event ${target + 1}: its payload does not match its payload digest`);

    // A run's own export verifies offline as a slice, with the key as the CLI writes it, anchored to the checkpoint at the run's end.
    const keyFile = path.join(root, 'key-from-cli.pem');
    const keyOut = cliRun('audit', 'key', '--out', keyFile);
    expect(keyOut.status, keyOut.stderr).toBe(0);
    expect(readFileSync(keyFile, 'utf8')).toBe(readFileSync(path.join(root, 'key.pem'), 'utf8'));
    const runExport = path.join(root, 'run-audit.jsonl');
    expect(cliRun('audit', 'export', '--run', created.body.id, '--out', runExport).status).toBe(0);
    const slice = cliRun('audit', 'verify', '--file', runExport, '--key', keyFile);
    expect(slice.status, slice.stdout + slice.stderr).toBe(0);
    expect(slice.stdout).toMatch(
      /^audit slice verified: \d+ events from \d+ to \d+, links intact within [\d–, ]+; anchored to the signed checkpoints? at [\d, ]+\. Events between those stretches are not in the file: verify the whole chain to vouch for them/,
    );

    // The FedAvg run's final model accounts for both sites' updates of both rounds in its PROV-JSON lineage.
    const prov = cliRun('audit', 'export', '--run', created.body.id, '--format', 'prov');
    expect(prov.status, prov.stderr).toBe(0);
    const updatesInProv = Object.keys(JSON.parse(prov.stdout).entity).filter((id) => id.startsWith('consilium:update/'));
    expect(updatesInProv).toHaveLength(4);

    // Each site checks its own log of what it sent against the coordinator's signed receipts and audit chain.
    const siteConfig = path.join(root, 'hospital-a', 'site.yaml');
    const receipts = cliRun('site', 'verify-receipts', '--config', siteConfig);
    expect(receipts.status, receipts.stdout + receipts.stderr).toBe(0);
    // 2 runs × 2 training rounds: 4 updates, each with a verified receipt.
    expect(receipts.stdout.trim()).toBe("4 updates sent by hospital-a: 4 receipts verified against the coordinator's audit chain");
    const logFile = path.join(root, 'hospital-a', 'state', 'sent.jsonl');
    const sentLines = readFileSync(logFile, 'utf8').split('\n');
    const first = sentLines.findIndex((l) => l.includes('"kind":"update"'));
    const entry = JSON.parse(sentLines[first]!);
    entry.receipt.round = entry.receipt.round + 1;
    sentLines[first] = JSON.stringify(entry);
    writeFileSync(logFile, sentLines.join('\n'));
    const forged = cliRun('site', 'verify-receipts', '--config', siteConfig);
    expect(forged.status).toBe(1);
    expect(forged.stdout).toContain(
      `update ${entry.receipt.updateId} (task ${entry.taskId}): the receipt's signature does not verify with the coordinator's key: forged or altered`,
    );

    // Graph models through the same agents on wasm: a residual network and a U-Net-shaped one, one round each.
    for (const [name, model] of [
      ['residual', residualSpec([IMAGE_SIZE, IMAGE_SIZE, 1], DEMO_CLASSES.length)],
      ['unet', unetClassifierSpec([IMAGE_SIZE, IMAGE_SIZE, 1], DEMO_CLASSES.length)],
    ] as const) {
      const graph = await postJson(`${httpUrl}/api/runs`, { ...spec, name, rounds: 1, model });
      expect(graph.status, JSON.stringify(graph.body)).toBe(201);
      await approveAll(graph.body.id, graph.body.specSha256);
      const done = await waitFor(async () => {
        const d = await (await api(`${httpUrl}/api/runs/${graph.body.id}`)).json();
        return ['completed', 'failed'].includes(d.run.status) ? d : null;
      }, 120_000);
      expect([name, done.run.status, done.run.error]).toEqual([name, 'completed', null]);
      expect(done.rounds[0].tasks.map((t: { status: string }) => t.status)).toEqual(['accepted', 'accepted']);
      const [initial, trained] = done.models.map((m: { sha256: string }) => blob(m.sha256));
      // Every tensor of the graph, skip connections' convolutions included, was trained and averaged.
      expect(trained.map((t: NamedTensor) => t.name)).toEqual(initial.map((t: NamedTensor) => t.name));
      expect(trained.filter((t: NamedTensor, i: number) => t.values.some((v, j) => v !== initial[i].values[j])).length).toBe(trained.length);
    }
  }, 300_000);
});
