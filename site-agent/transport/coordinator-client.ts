import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

import * as grpc from '@grpc/grpc-js';

import { chunksOf } from '../../common/chunking.js';
import { Clock } from '../../common/clock.js';
import { ConsiliumError, describeError, isConsiliumError } from '../../common/errors.js';
import { FLOW_CONTROL_WINDOW_BYTES } from '../../common/flow-control.js';
import { fromGrpcError } from '../../common/grpc-errors.js';
import type { UpdateHeader, UpdateReceipt } from '../../common/task-order.js';
import { consilium } from '../../proto/gen/consilium.js';
import { SiteServiceClient } from '../../proto/gen/services.grpc.js';
import { backoffMs } from '../session/backoff.js';
import { updateHeaderToProto } from './site-message.mapper.js';

/** Every field, defaults included ("" reason, false), exactly as the coordinator signed them. */
function receiptOf(receipt: consilium.v1.UpdateReceipt): UpdateReceipt {
  return consilium.v1.UpdateReceipt.toObject(receipt, { defaults: true, longs: Number }) as UpdateReceipt;
}

/** The site's TLS identity as the client presents it. */
export interface ClientIdentity {
  keyPem: string;
  certPem: string;
  caPem: string;
}

/**
 * The site's only network peer. Every call is outbound (the hospital opens no
 * port) and runs over mutual TLS: the coordinator knows the site by its
 * certificate, and the site trusts only the federation CA.
 */
export class CoordinatorClient {
  private readonly client: SiteServiceClient;

  constructor(
    address: string,
    identity: ClientIdentity,
    private readonly clock = new Clock(),
  ) {
    const credentials = grpc.credentials.createSsl(Buffer.from(identity.caPem), Buffer.from(identity.keyPem), Buffer.from(identity.certPem));
    this.client = new SiteServiceClient(address, credentials, {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_permit_without_calls': 1,
      // Model downloads flow toward the site: its receive window is the one that paces them.
      'grpc-node.flow_control_window': FLOW_CONTROL_WINDOW_BYTES,
    });
  }

  private metadata(): grpc.Metadata {
    return new grpc.Metadata();
  }

  /** Asks for a certificate for a new key with the current certificate. */
  renewCertificate(csrPem: string): Promise<{ certificatePem: string; serial: string; notAfter: string }> {
    return new Promise((resolve, reject) =>
      this.client.renewCertificate({ csrPem }, (error, answer) =>
        error ? reject(fromGrpcError(error)) : resolve({ certificatePem: answer!.certificatePem, serial: answer!.serial, notAfter: answer!.notAfter }),
      ),
    );
  }

  connect(): grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage> {
    return this.client.connect(this.metadata());
  }

  /**
   * Downloads a model version, resuming from the last byte received when the
   * stream breaks, and checks size and SHA-256 before returning it. With a
   * `partialFile`, received bytes are kept on disk too, so an agent that was
   * restarted resumes the download instead of starting over. Transient
   * failures (a coordinator restarting, a link cut) are retried with backoff
   * until `until` (epoch ms; by default 30 s from now), or until `signal`
   * aborts: a task's download outlives a coordinator restart, as its upload
   * does, but not its agent.
   */
  async fetchModel(
    modelVersionId: string,
    expectedBytes: number,
    expectedSha256: string,
    options: { until?: number; partialFile?: string; signal?: AbortSignal } = {},
  ): Promise<Buffer> {
    const { until = this.clock.now().getTime() + 30_000, partialFile, signal } = options;
    const parts: Buffer[] = [];
    let received = 0;
    if (partialFile && existsSync(partialFile)) {
      const kept = readFileSync(partialFile);
      if (kept.length <= expectedBytes) {
        parts.push(kept);
        received = kept.length;
      }
    }
    if (partialFile) mkdirSync(path.dirname(partialFile), { recursive: true });
    const sink = partialFile ? createWriteStream(partialFile, { flags: received > 0 ? 'a' : 'w' }) : null;
    let lastError: unknown = null;
    try {
      for (let attempt = 0; received < expectedBytes; attempt++) {
        try {
          await new Promise<void>((resolve, reject) => {
            const stream = this.client.fetchModel({ modelVersionId, offset: received }, this.metadata());
            stream.on('data', (chunk: consilium.v1.ModelChunk) => {
              if (Number(chunk.offset) !== received) {
                stream.cancel();
                reject(new ConsiliumError('INVALID_ARGUMENT', `model chunk at offset ${chunk.offset}, expected ${received}`));
                return;
              }
              const data = Buffer.from(chunk.data);
              parts.push(data);
              sink?.write(data);
              received += data.length;
            });
            stream.on('end', resolve);
            stream.on('error', (error) => reject(fromGrpcError(error)));
          });
        } catch (error) {
          lastError = error;
          const delay = backoffMs(attempt, 200);
          if (!isTransient(error) || this.clock.now().getTime() + delay > until || signal?.aborted) break;
          await this.clock.sleep(delay, signal);
        }
      }
    } finally {
      if (sink) await new Promise((resolve) => sink.end(resolve));
    }
    if (received !== expectedBytes) {
      throw new ConsiliumError(
        'UNAVAILABLE',
        `model ${modelVersionId}: received ${received} of ${expectedBytes} bytes${lastError ? ` (${describeError(lastError)})` : ''}`,
      );
    }
    const model = Buffer.concat(parts, received);
    // Done with the partial file either way: a mismatch must not be resumed from next time.
    if (partialFile) rmSync(partialFile, { force: true });
    const sha256 = createHash('sha256').update(model).digest('hex');
    if (sha256 !== expectedSha256)
      throw new ConsiliumError('INVALID_ARGUMENT', `model ${modelVersionId} SHA-256 mismatch: expected ${expectedSha256}, got ${sha256}`);
    return model;
  }

  /** How much of an update the coordinator holds, or its receipt when it was already accepted. */
  uploadStatus(taskId: string, sha256: string): Promise<{ receivedBytes: number; receipt: UpdateReceipt | null }> {
    return new Promise((resolve, reject) =>
      this.client.uploadStatus({ taskId, sha256 }, (error, answer) => {
        if (error) return reject(fromGrpcError(error));
        resolve({ receivedBytes: Number(answer!.receivedBytes), receipt: answer!.receipt ? receiptOf(answer!.receipt as consilium.v1.UpdateReceipt) : null });
      }),
    );
  }

  /**
   * Delivers an update whatever the network does: asks how much the
   * coordinator holds, sends the rest, and on a broken stream waits (backoff
   * with jitter) and does it again, until a receipt comes back or `until`
   * passes. Refusals that retrying cannot fix are thrown at once.
   */
  async deliverUpdate(
    header: UpdateHeader,
    container: Uint8Array,
    until: number,
    onResume: (offset: number) => void = () => undefined,
    signal?: AbortSignal,
  ): Promise<UpdateReceipt> {
    for (let attempt = 0; ; attempt++) {
      // The outbox keeps the update: an agent that stops now sends it when it runs again.
      if (signal?.aborted) throw new ConsiliumError('UNAVAILABLE', 'the agent is stopping; the update stays in the outbox');
      try {
        const status = await this.uploadStatus(header.taskId, header.sha256);
        if (status.receipt) return status.receipt;
        if (status.receivedBytes > 0) onResume(status.receivedBytes);
        return await this.submitUpdate(updateHeaderToProto(header, status.receivedBytes), container, undefined, status.receivedBytes);
      } catch (error) {
        const delay = backoffMs(attempt, 250);
        if (!isTransient(error) || this.clock.now().getTime() + delay > until) throw error;
        await this.clock.sleep(delay, signal);
      }
    }
  }

  /** Streams an update: the header, then the container in 1 MiB chunks; resolves with the coordinator's receipt. */
  submitUpdate(header: consilium.v1.IUpdateHeader, container: Uint8Array, chunkBytes?: number, offset = 0): Promise<UpdateReceipt> {
    return new Promise((resolve, reject) => {
      const call = this.client.submitUpdate(this.metadata(), (error, receipt) => {
        if (error) reject(fromGrpcError(error));
        else {
          resolve(receiptOf(receipt!));
        }
      });
      call.write({ header });
      const chunks = chunksOf(container, chunkBytes, offset);
      const pump = (): void => {
        for (let next = chunks.next(); !next.done; next = chunks.next()) {
          if (!call.write({ chunk: next.value.data })) {
            call.once('drain', pump);
            return;
          }
        }
        call.end();
      };
      pump();
    });
  }

  close(): void {
    this.client.close();
  }
}

/** Failures worth retrying: the coordinator or the link is away, or the call was cut short; never a refusal (NOT_FOUND, PERMISSION_DENIED, INVALID_ARGUMENT). */
function isTransient(error: unknown): boolean {
  return isConsiliumError(error) && ['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'FAILED_PRECONDITION', 'RESOURCE_EXHAUSTED', 'INTERNAL'].includes(error.code);
}
