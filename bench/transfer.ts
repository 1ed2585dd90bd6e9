import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

import { RestClient } from '../common/rest-client.js';
import { decodeTensors } from '../common/tensor-codec.js';
import { loadCoordinatorConfig } from '../coordinator/config/coordinator-config.js';
import { initCoordinator } from '../coordinator/init.js';
import { startCoordinator } from '../coordinator/main.js';
import { PkiStore } from '../coordinator/persistence/pki-store.js';
import type { consilium } from '../proto/gen/consilium.js';
import { enrolSite } from '../site-agent/identity/site-identity.js';
import { CoordinatorClient } from '../site-agent/transport/coordinator-client.js';
import { connectBenchSite } from './many-sites.js';
import type { BenchRow } from './table.js';
import type { TransferJob } from './transfer-child.js';

/** A receiver that counts bytes and answers one byte once it holds `expected` of them, as the coordinator answers with a receipt. */
function countingServer(server: net.Server, expected: number): Promise<number> {
  server.on(server instanceof tls.Server ? 'secureConnection' : 'connection', (socket: net.Socket) => {
    let received = 0;
    socket.on('data', (d: Buffer) => {
      received += d.length;
      if (received >= expected) socket.end('k');
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

/**
 * One update of `side`² parameters uploaded by a site process through
 * SubmitUpdate (mutual TLS, HTTP/2, written to the partial file, SHA-256
 * checked, receipt back) against the same bytes from the same process over a
 * raw TCP socket and a raw mutual-TLS socket, at several chunk sizes.
 */
export async function transferBench(quick: boolean): Promise<BenchRow[]> {
  const side = quick ? 4096 : 8192; // 16 M or 64 M parameters: 64 MB or 256 MB updates
  const root = mkdtempSync(path.join(tmpdir(), 'consilium-transfer-'));
  const config = loadCoordinatorConfig(
    undefined,
    {},
    { httpPort: 0, grpcPort: 0, stateDir: path.join(root, 'coordinator'), maxMessageBytes: 8 * 1024 * 1024, maxParameters: 100_000_000 },
  );
  const { adminToken } = await initCoordinator(config);
  const coordinator = await startCoordinator(config, { quiet: true });
  const rows: BenchRow[] = [];
  const servers: net.Server[] = [];
  try {
    const admin = new RestClient(coordinator.httpUrl, { token: adminToken });
    const researcher = new RestClient(coordinator.httpUrl, {
      token: (await admin.request<{ token: string }>('POST', '/api/tokens', { json: { name: 'transfer', role: 'researcher' } })).token,
    });
    await admin.request('POST', '/api/sites', { json: { id: 'transfer' } });
    const { token } = await admin.request<{ token: string }>('POST', '/api/sites/transfer/enrolment-tokens', { json: {} });
    const siteDir = path.join(root, 'site');
    const identity = await enrolSite(siteDir, 'transfer', coordinator.httpUrl, token);
    const client = new CoordinatorClient(coordinator.grpcAddress, identity);
    let onTask: (task: consilium.v1.TaskAssignment) => void = () => undefined;
    const task = new Promise<consilium.v1.TaskAssignment>((resolve) => (onTask = resolve));
    const stream = connectBenchSite(client, 'transfer', (assigned) => onTask(assigned));
    await researcher.request('POST', '/api/runs', {
      json: {
        name: 'transfer',
        classes: ['a'],
        rounds: 1,
        sites: ['transfer'],
        roundDeadlineSeconds: 3600,
        model: {
          class_name: 'Sequential',
          config: {
            layers: [
              { class_name: 'Dense', config: { input_shape: [side], units: side, use_bias: false } },
              { class_name: 'Dense', config: { units: 1, use_bias: false } },
            ],
          },
        },
      },
    });
    const assignment = await task;
    const model = await client.fetchModel(assignment.modelVersionId, Number(assignment.modelBytes), assignment.modelSha256);
    const updateBytes = model.length;
    const serverTls = await PkiStore.load(config.stateDir).serverIdentity('127.0.0.1', []);
    const tcpServer = net.createServer();
    const tlsServer = tls.createServer({ key: serverTls.keyPem, cert: serverTls.certPem, ca: identity.caPem, requestCert: true, rejectUnauthorized: true });
    servers.push(tcpServer, tlsServer);
    const tcpPort = await countingServer(tcpServer, updateBytes);
    const tlsPort = await countingServer(tlsServer, updateBytes);
    const job: TransferJob = {
      grpcAddress: coordinator.grpcAddress,
      stateDir: siteDir,
      siteId: 'transfer',
      // Named against another base model: the coordinator receives, stores and hashes every byte, then refuses it
      // before decoding, so no round closes and no aggregation competes with the next measurement.
      header: {
        taskId: assignment.taskId,
        runId: assignment.runId,
        round: assignment.round,
        sampleCount: 1,
        metrics: {},
        encoding: 'float32',
        baseModelVersionId: 'not-the-base',
        offset: 0,
      },
      tensors: decodeTensors(model).map((t) => ({ name: t.name, shape: t.shape })),
      chunkSizes: [64 * 1024, 1024 * 1024, 4 * 1024 * 1024],
      tcpPort,
      tlsPort,
    };
    const lines = await runChild(job);
    const mb = updateBytes / 2 ** 20;
    for (const { chunkBytes, grpc, tcp, tls: secure } of lines) {
      rows.push({
        benchmark: `upload ${mb.toFixed(0)} MB from a site process, ${chunkBytes / 1024} KiB chunks: SubmitUpdate vs raw TCP`,
        measured: `${(mb / grpc).toFixed(0)} MB/s (${grpc.toFixed(2)} s: mTLS, written to disk, SHA-256 checked, receipt)`,
        baseline: `${(mb / tcp).toFixed(0)} MB/s raw TCP (raw mTLS socket: ${(mb / secure).toFixed(0)} MB/s)`,
        ratio: tcp / grpc,
      });
    }
    stream.cancel();
    client.close();
  } finally {
    for (const server of servers) server.close();
    await coordinator.close();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

async function runChild(job: TransferJob): Promise<{ chunkBytes: number; grpc: number; tcp: number; tls: number }[]> {
  const child = spawn(process.execPath, [path.resolve('dist/bench/transfer-child.js'), JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`transfer-child exited with ${code}`);
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { chunkBytes: number; grpc: number; tcp: number; tls: number });
}
