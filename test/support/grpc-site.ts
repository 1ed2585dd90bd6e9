import type * as grpc from '@grpc/grpc-js';

import { sha256Hex } from '../../common/hashing.js';
import type { RunningCoordinator } from '../../coordinator/main.js';
import { type consilium } from '../../proto/gen/consilium.js';
import { siteClient } from './coordinator.js';

export type Receipt = consilium.v1.UpdateReceipt;

/** The header of an honest update for `task` carrying `container`; `patch` changes what a test needs changed. */
export function updateHeader(
  task: consilium.v1.ITaskAssignment,
  container: Uint8Array,
  patch: Partial<consilium.v1.IUpdateHeader> = {},
): consilium.v1.IUpdateHeader {
  return {
    taskId: task.taskId,
    runId: task.runId,
    round: task.round,
    sampleCount: 10,
    metrics: {},
    encoding: 'float32',
    totalBytes: container.length,
    sha256: sha256Hex(container),
    baseModelVersionId: task.modelVersionId,
    ...patch,
  };
}

/** SubmitUpdate by hand: the header, then the container from `offset` in chunks of `chunk` bytes. */
export function submit(
  client: any,
  metadata: grpc.Metadata,
  header: consilium.v1.IUpdateHeader,
  container: Uint8Array,
  chunk = 64,
  offset = 0,
): Promise<Receipt> {
  return new Promise((resolve, reject) => {
    const call = client.submitUpdate(metadata, (error: grpc.ServiceError | null, receipt: Receipt) => (error ? reject(error) : resolve(receipt)));
    call.write({ header: { ...header, offset } });
    for (let at = offset; at < container.length; at += chunk) call.write({ chunk: container.subarray(at, at + chunk) });
    call.end();
  });
}

/** UploadStatus by hand. */
export function uploadStatus(client: any, metadata: grpc.Metadata, taskId: string, sha256: string): Promise<consilium.v1.UploadStatus> {
  return new Promise((resolve, reject) =>
    client.uploadStatus({ taskId, sha256 }, metadata, (error: grpc.ServiceError | null, status: consilium.v1.UploadStatus) =>
      error ? reject(error) : resolve(status),
    ),
  );
}

export function fetchModel(client: any, metadata: grpc.Metadata, modelVersionId: string, offset: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    const stream = client.fetchModel({ modelVersionId, offset, chunkBytes: 100 }, metadata);
    stream.on('data', (c: consilium.v1.ModelChunk) => parts.push(Buffer.from(c.data)));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

/**
 * A hand-driven site: enrolled, connected with a hello for a 4-feature table,
 * approving every run it is offered (unless `approve` is false), and
 * collecting the tasks and offers it is sent.
 */
export async function connectSite(coordinator: RunningCoordinator, siteId: string, dataProfileJson = '', approve = true) {
  const site = await siteClient(coordinator, siteId);
  const tasks: consilium.v1.TaskAssignment[] = [];
  const offers: consilium.v1.RunOffer[] = [];
  const connect: grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage> = site.client.connect(site.metadata);
  connect.on('data', (m: consilium.v1.CoordinatorMessage) => {
    if (m.task) tasks.push(m.task);
    if (m.offer) {
      offers.push(m.offer);
      if (approve && ['pending', 'running'].includes(m.offer.status))
        connect.write({ consent: { runId: m.offer.runId, specSha256: m.offer.specSha256, state: 'approved', reason: '' } });
    }
  });
  connect.on('error', () => undefined);
  connect.write({
    hello: {
      siteId,
      agentVersion: 'test',
      protocol: 'consilium.v1',
      backend: { name: 'cpu', device: 'test', notes: [] },
      dataset: {
        kind: 'csv',
        trainSamples: 10,
        validationSamples: 2,
        classes: ['no', 'yes'],
        classCounts: [6, 6],
        inputShape: [4],
        skippedFiles: 0,
        fingerprint: 'f',
      },
      dataProfileJson,
    },
  });
  return { ...site, tasks, offers, connect };
}
