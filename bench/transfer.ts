import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RestClient } from '../common/rest-client.js';
import { sha256Hex } from '../common/hashing.js';
import { decodeTensors, encodeTensors } from '../common/tensor-codec.js';
import { loadCoordinatorConfig } from '../coordinator/config/coordinator-config.js';
import { initCoordinator } from '../coordinator/init.js';
import { startCoordinator } from '../coordinator/main.js';
import type { consilium } from '../proto/gen/consilium.js';
import { enrolSite } from '../site-agent/identity/site-identity.js';
import { CoordinatorClient } from '../site-agent/transport/coordinator-client.js';
import type { BenchRow } from './table.js';

/** Seconds to push `bytes` through a raw loopback TCP socket to a reader that counts them, in `chunkBytes` writes. */
async function rawTcpSeconds(bytes: Uint8Array, chunkBytes: number): Promise<number> {
  let received = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const server = net.createServer((socket) =>
    socket.on('data', (d: Buffer) => {
      received += d.length;
      if (received >= bytes.length) done();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const socket = net.connect((server.address() as net.AddressInfo).port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const started = performance.now();
  for (let at = 0; at < bytes.length; at += chunkBytes) {
    if (!socket.write(bytes.subarray(at, at + chunkBytes))) await new Promise((resolve) => socket.once('drain', resolve));
  }
  await finished;
  const seconds = (performance.now() - started) / 1000;
  socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  return seconds;
}

/**
 * One update of `side`² parameters through SubmitUpdate (mutual TLS, HTTP/2,
 * written to the partial file, SHA-256 checked, receipt back) against
 * the same bytes over a raw TCP socket in the same run, at several chunk sizes.
 */
export async function transferBench(quick: boolean): Promise<BenchRow[]> {
  const side = quick ? 2048 : 8192; // 4 M or 64 M parameters: 16 MB or 256 MB updates
  const root = mkdtempSync(path.join(tmpdir(), 'consilium-transfer-'));
  const config = loadCoordinatorConfig(undefined, {}, { httpPort: 0, grpcPort: 0, stateDir: path.join(root, 'coordinator'), maxMessageBytes: 8 * 1024 * 1024 });
  const { adminToken } = await initCoordinator(config);
  const coordinator = await startCoordinator(config, { quiet: true });
  const rows: BenchRow[] = [];
  try {
    const admin = new RestClient(coordinator.httpUrl, { token: adminToken });
    const researcher = new RestClient(coordinator.httpUrl, { token: (await admin.request<{ token: string }>('POST', '/api/tokens', { json: { name: 'transfer', role: 'researcher' } })).token });
    await admin.request('POST', '/api/sites', { json: { id: 'transfer' } });
    const { token } = await admin.request<{ token: string }>('POST', '/api/sites/transfer/enrolment-tokens', { json: {} });
    const client = new CoordinatorClient(coordinator.grpcAddress, await enrolSite(path.join(root, 'site'), 'transfer', coordinator.httpUrl, token));
    const stream = client.connect();
    const task = new Promise<consilium.v1.TaskAssignment>((resolve) =>
      stream.on('data', (m: consilium.v1.CoordinatorMessage) => {
        if (m.offer) stream.write({ consent: { runId: m.offer.runId, specSha256: m.offer.specSha256, state: 'approved', reason: '' } });
        if (m.task) resolve(m.task as consilium.v1.TaskAssignment);
      }),
    );
    stream.on('error', () => undefined);
    stream.write({ hello: { siteId: 'transfer', agentVersion: 'bench', protocol: 'consilium.v1', backend: { name: 'none', device: 'bench', notes: [] }, dataset: { kind: 'csv', fingerprint: 'bench' } } });
    await researcher.request('POST', '/api/runs', {
      json: { name: 'transfer', classes: ['a'], rounds: 1, sites: ['transfer'], roundDeadlineSeconds: 3600, model: { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { input_shape: [side], units: side, use_bias: false } }, { class_name: 'Dense', config: { units: 1, use_bias: false } }] } } },
    });
    const assignment = await task;
    const model = await client.fetchModel(assignment.modelVersionId, Number(assignment.modelBytes), assignment.modelSha256);
    const mb = model.length / 2 ** 20;
    for (const chunkBytes of [64 * 1024, 1024 * 1024, 4 * 1024 * 1024]) {
      // A different update each time, not an idempotent resend answered from the record.
      const update = encodeTensors(decodeTensors(model).map((t, i) => ({ ...t, values: new Float32Array(t.values.length).fill(i === 0 ? chunkBytes / 1e9 : 0) })));
      // Named against another base model: the coordinator receives, stores and hashes every byte, then refuses it before
      // decoding, so no round closes and no aggregation competes with the next measurement.
      const header = { taskId: assignment.taskId, runId: assignment.runId, round: assignment.round, sampleCount: 1, metrics: {}, encoding: 'float32', totalBytes: update.length, sha256: sha256Hex(update), baseModelVersionId: 'not-the-base', offset: 0 };
      const started = performance.now();
      const receipt = await client.submitUpdate(header, update, chunkBytes);
      if (!receipt.reason.startsWith('update was computed against model not-the-base')) throw new Error(`transfer bench: unexpected receipt ${receipt.reason}`);
      const grpcSeconds = (performance.now() - started) / 1000;
      const tcpSeconds = await rawTcpSeconds(update, chunkBytes);
      rows.push({
        benchmark: `upload ${mb.toFixed(0)} MB, ${chunkBytes / 1024} KiB chunks: SubmitUpdate vs raw TCP`,
        measured: `${(mb / grpcSeconds).toFixed(0)} MB/s (${grpcSeconds.toFixed(2)} s: mTLS, written to disk, SHA-256 checked, receipt)`,
        baseline: `${(mb / tcpSeconds).toFixed(0)} MB/s raw TCP`,
        ratio: tcpSeconds / grpcSeconds,
      });
    }
    stream.cancel();
    client.close();
  } finally {
    await coordinator.close();
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
