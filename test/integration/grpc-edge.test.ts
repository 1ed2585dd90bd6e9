import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { sha256Hex } from '../../common/hashing.js';
import { decodeTensors, encodeTensors, type NamedTensor } from '../../common/tensor-codec.js';
import type { RunningCoordinator } from '../../coordinator/main.js';
import { type consilium } from '../../proto/gen/consilium.js';
import { CoordinatorClient } from '../../site-agent/transport/coordinator-client.js';
import { api, postJson, siteClient, testCoordinator, tinySpec, waitFor } from '../support/coordinator.js';
import { connectSite, fetchModel, submit, updateHeader, uploadStatus } from '../support/grpc-site.js';

describe('gRPC edge', () => {
  let coordinator: RunningCoordinator;
  let task: consilium.v1.TaskAssignment;
  let site: Awaited<ReturnType<typeof siteClient>>;
  let connect: grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage>;
  let global: NamedTensor[];
  let tasks: consilium.v1.TaskAssignment[] = [];

  beforeAll(async () => {
    coordinator = await testCoordinator();
    await postJson(`${coordinator.httpUrl}/api/sites`, { id: 'site-a' });
    const connected = await connectSite(coordinator, 'site-a');
    site = connected;
    connect = connected.connect;
    tasks = connected.tasks;
    const created = await postJson(`${coordinator.httpUrl}/api/runs`, tinySpec(['site-a']));
    expect(created.status).toBe(201);
    task = await waitFor(async () => tasks[0]);
    const full = await fetchModel(site.client, site.metadata, task.modelVersionId, 0);
    // A resumed download from an offset returns exactly the rest of the bytes.
    expect((await fetchModel(site.client, site.metadata, task.modelVersionId, 123)).equals(full.subarray(123))).toBe(true);
    expect(sha256Hex(full)).toBe(task.modelSha256);
    global = decodeTensors(full);
  });

  afterAll(async () => {
    connect?.cancel();
    await coordinator?.close();
  });

  const headerFor = (container: Uint8Array, patch: Partial<consilium.v1.IUpdateHeader> = {}): consilium.v1.IUpdateHeader =>
    updateHeader(task, container, { metrics: { train_loss: 0.5 }, ...patch });
  /** A SubmitUpdate call that sends the header and these bytes, then stays open until cancelled. */
  const client_submitPart = (header: consilium.v1.IUpdateHeader, bytes: Uint8Array): grpc.ClientWritableStream<consilium.v1.IUpdateMessage> => {
    const call = site.client.submitUpdate(site.metadata, () => undefined);
    call.on('error', () => undefined);
    call.write({ header });
    call.write({ chunk: bytes });
    return call;
  };
  const delta = (fill: number): NamedTensor[] => global.map((t) => ({ ...t, values: new Float32Array(t.values.length).fill(fill) }));

  it('refuses a hello that names another site than the client certificate, with PERMISSION_DENIED', async () => {
    const other = await siteClient(coordinator, 'site-b');
    const stream = other.client.connect(other.metadata);
    const error = await new Promise<grpc.ServiceError>((resolve) => {
      stream.on('error', resolve);
      stream.on('data', () => undefined);
      stream.write({ hello: { siteId: 'site-a', protocol: 'consilium.v1', agentVersion: 'x', backend: { name: 'cpu' }, dataset: { kind: 'csv' } } });
    });
    expect(error.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(error.details).toBe(`hello names site "site-a" but the client certificate is site "site-b"'s; a site speaks only for itself`);
  });

  it('resumes a model download from the bytes an earlier attempt left on disk', async () => {
    const client = new CoordinatorClient(coordinator.grpcAddress, site.identity);
    const partial = path.join(mkdtempSync(path.join(tmpdir(), 'consilium-download-')), 'model.part');
    const full = await client.fetchModel(task.modelVersionId, Number(task.modelBytes), task.modelSha256);
    // A correct prefix is kept and only the rest is fetched.
    writeFileSync(partial, full.subarray(0, 100));
    expect((await client.fetchModel(task.modelVersionId, Number(task.modelBytes), task.modelSha256, { partialFile: partial })).equals(full)).toBe(true);
    expect(existsSync(partial)).toBe(false);
    // Proof that the prefix on disk is used: a corrupted one fails the SHA-256 check, is dropped, and the next attempt succeeds.
    writeFileSync(partial, Buffer.alloc(100, 7));
    await expect(client.fetchModel(task.modelVersionId, Number(task.modelBytes), task.modelSha256, { partialFile: partial })).rejects.toThrow(
      /SHA-256 mismatch/,
    );
    expect(existsSync(partial)).toBe(false);
    expect((await client.fetchModel(task.modelVersionId, Number(task.modelBytes), task.modelSha256, { partialFile: partial })).equals(full)).toBe(true);
    client.close();
  });

  it('answers a malformed message with INVALID_ARGUMENT and keeps serving', async () => {
    const Raw = grpc.makeGenericClientConstructor(
      {
        submitUpdate: {
          path: '/consilium.v1.SiteService/SubmitUpdate',
          requestStream: true,
          responseStream: false,
          requestSerialize: (b: Buffer) => b,
          requestDeserialize: (b: Buffer) => b,
          responseSerialize: (b: Buffer) => b,
          responseDeserialize: (b: Buffer) => b,
        },
      },
      'Raw',
    );
    const raw = new Raw(
      coordinator.grpcAddress,
      grpc.credentials.createSsl(Buffer.from(site.identity.caPem), Buffer.from(site.identity.keyPem), Buffer.from(site.identity.certPem)),
    ) as any;
    const error = await new Promise<grpc.ServiceError>((resolve) => {
      const call = raw.submitUpdate(site.metadata, (e: grpc.ServiceError) => resolve(e));
      call.write(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01])); // a length far past the end
      call.end();
    });
    expect(error.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/malformed SubmitUpdate message/);
    expect((await api(`${coordinator.httpUrl}/healthz`)).status).toBe(200);
    expect((await fetchModel(site.client, site.metadata, task.modelVersionId, 0)).length).toBe(Number(task.modelBytes));
  });

  it('answers an oversized message with RESOURCE_EXHAUSTED and keeps serving', async () => {
    const container = encodeTensors(delta(0));
    const error = await submit(site.client, site.metadata, headerFor(container), new Uint8Array(5 * 1024 * 1024), 5 * 1024 * 1024).catch(
      (e: grpc.ServiceError) => e,
    );
    expect((error as grpc.ServiceError).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    const declared = await submit(site.client, site.metadata, headerFor(container, { totalBytes: 10 ** 9 }), container).catch((e: grpc.ServiceError) => e);
    expect((declared as grpc.ServiceError).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect((declared as grpc.ServiceError).details).toMatch(/declares 1000000000 bytes/);
    expect((await api(`${coordinator.httpUrl}/healthz`)).status).toBe(200);
  });

  it('rejects bad updates with a reason, accepts a good one once, and aggregates only that one', async () => {
    const good = encodeTensors(delta(0.25));
    const wrongShape = encodeTensors([{ name: global[0]!.name, shape: [2, 4], values: new Float32Array(8) }, global[1]!]);
    const nonFinite = encodeTensors(delta(0).map((t, i) => (i === 1 ? { ...t, values: Float32Array.from([0, NaN]) } : t)));
    const reasons: Record<string, string> = {};
    const reject = async (label: string, header: consilium.v1.IUpdateHeader, container: Uint8Array) => {
      const receipt = await submit(site.client, site.metadata, header, container);
      expect(receipt.accepted, label).toBe(false);
      reasons[label] = receipt.reason;
    };
    await reject('shape', headerFor(wrongShape), wrongShape);
    await reject('dtype', headerFor(encodeTensors(delta(0), 'float16')), encodeTensors(delta(0), 'float16'));
    await reject('nan', headerFor(nonFinite), nonFinite);
    await reject('task', headerFor(good, { taskId: 'no-such-task' }), good);
    await reject('round', headerFor(good, { round: 7 }), good);
    await reject('sha', headerFor(good, { sha256: 'f'.repeat(64) }), good);
    expect(reasons).toEqual({
      shape: 'tensor "dense_0/kernel" has shape [2, 4], expected [4, 2]',
      dtype: 'tensor "dense_0/kernel" is encoded as float16, the header declared float32',
      nan: 'tensor "dense_0/bias" holds a non-finite value (NaN) at index 1',
      task: 'unknown task no-such-task',
      round: `task ${task.taskId} is for round 1, not round 7`,
      sha: `update SHA-256 mismatch: header says ${'f'.repeat(64)}, bytes hash to ${sha256Hex(good)}`,
    });

    // An upload cut after its first 40 bytes keeps them; the site asks how much is held and sends only the rest.
    const cut = client_submitPart(headerFor(good), good.subarray(0, 40));
    cut.cancel();
    const held = await waitFor(async () => {
      const status = await uploadStatus(site.client, site.metadata, task.taskId, sha256Hex(good));
      return Number(status.receivedBytes) === 40 ? status : null;
    });
    expect(held.receipt).toBeNull();
    const wrongOffset = (await submit(site.client, site.metadata, headerFor(good), good, 64, 0).catch((e: grpc.ServiceError) => e)) as grpc.ServiceError;
    expect(wrongOffset.details).toBe(`upload of task ${task.taskId} resumes at byte 40, not 0; ask UploadStatus`);
    const accepted = await submit(site.client, site.metadata, headerFor(good), good, 64, 40);
    expect(accepted.accepted).toBe(true);
    expect(accepted.sha256).toBe(sha256Hex(good));
    // The same update again (a lost receipt) gets the very same signed receipt and is not counted twice; UploadStatus says so too.
    const again = await submit(site.client, site.metadata, headerFor(good), good);
    expect(again).toEqual(accepted);
    expect((await uploadStatus(site.client, site.metadata, task.taskId, sha256Hex(good))).receipt).toEqual(accepted);
    const other = encodeTensors(delta(0.5));
    const second = await submit(site.client, site.metadata, headerFor(other), other);
    expect(second.accepted).toBe(false);
    expect(second.reason).toMatch(/^(duplicate: task .* already has an accepted update|late: round 1 is completed.*)$/);

    const details = await waitFor(async () => {
      const d = await (await api(`${coordinator.httpUrl}/api/runs/${task.runId}`)).json();
      return d.rounds[0]?.status === 'completed' ? d : null;
    });
    const latest = details.models.find((m: { round: number }) => m.round === 1);
    expect(latest.id).not.toBe(task.modelVersionId);
    // One accepted update of +0.25 everywhere: the new model is the old one plus 0.25.
    const model = await (await api(`${coordinator.httpUrl}/api/runs/${task.runId}/model/weights.bin`)).arrayBuffer();
    const next = new Float32Array(model);
    const before = global.flatMap((t) => Array.from(t.values));
    expect(Array.from(next)).toEqual(before.map((v) => Math.fround(v + 0.25)));
  });
});
