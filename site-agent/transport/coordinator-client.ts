import * as grpc from '@grpc/grpc-js';
import { createHash } from 'node:crypto';
import { chunksOf } from '../../common/chunking.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import type { UpdateReceipt } from '../../common/task-order.js';
import { consilium } from '../../proto/gen/consilium.js';
import { SiteServiceDefinition } from '../../proto/gen/services.grpc.js';

const ServiceClient = grpc.makeGenericClientConstructor(SiteServiceDefinition, 'SiteService');

type Connect = (metadata: grpc.Metadata) => grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage>;
type FetchModel = (request: consilium.v1.IFetchModelRequest, metadata: grpc.Metadata) => grpc.ClientReadableStream<consilium.v1.ModelChunk>;
type RenewCertificate = (request: consilium.v1.IRenewCertificateRequest, callback: (error: grpc.ServiceError | null, answer?: consilium.v1.SiteCertificate) => void) => void;
type SubmitUpdate = (metadata: grpc.Metadata, callback: (error: grpc.ServiceError | null, receipt?: consilium.v1.UpdateReceipt) => void) => grpc.ClientWritableStream<consilium.v1.IUpdateMessage>;

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
  private readonly client: grpc.Client;

  constructor(address: string, identity: ClientIdentity) {
    const credentials = grpc.credentials.createSsl(Buffer.from(identity.caPem), Buffer.from(identity.keyPem), Buffer.from(identity.certPem));
    this.client = new ServiceClient(address, credentials, {
      'grpc.max_receive_message_length': 64 * 1024 * 1024,
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_permit_without_calls': 1,
    });
  }

  private metadata(): grpc.Metadata {
    return new grpc.Metadata();
  }

  /** Asks for a certificate for a new key with the current certificate. */
  renewCertificate(csrPem: string): Promise<{ certificatePem: string; serial: string; notAfter: string }> {
    return new Promise((resolve, reject) =>
      (this.client as unknown as { renewCertificate: RenewCertificate }).renewCertificate({ csrPem }, (error, answer) =>
        error ? reject(error) : resolve({ certificatePem: answer!.certificatePem, serial: answer!.serial, notAfter: answer!.notAfter }),
      ),
    );
  }

  connect(): grpc.ClientDuplexStream<consilium.v1.ISiteMessage, consilium.v1.CoordinatorMessage> {
    return (this.client as unknown as { connect: Connect }).connect(this.metadata());
  }

  /**
   * Downloads a model version, resuming from the last byte received when the
   * stream breaks, and checks size and SHA-256 before returning it.
   */
  async fetchModel(modelVersionId: string, expectedBytes: number, expectedSha256: string, attempts = 5): Promise<Buffer> {
    const parts: Buffer[] = [];
    let received = 0;
    let lastError: unknown = null;
    for (let attempt = 0; attempt < attempts && received < expectedBytes; attempt++) {
      try {
        await new Promise<void>((resolve, reject) => {
          const stream = (this.client as unknown as { fetchModel: FetchModel }).fetchModel({ modelVersionId, offset: received }, this.metadata());
          stream.on('data', (chunk: consilium.v1.ModelChunk) => {
            if (Number(chunk.offset) !== received) {
              stream.cancel();
              reject(new ConsiliumError('INTERNAL', `model chunk at offset ${chunk.offset}, expected ${received}`));
              return;
            }
            parts.push(Buffer.from(chunk.data));
            received += chunk.data.length;
          });
          stream.on('end', resolve);
          stream.on('error', reject);
        });
      } catch (error) {
        lastError = error;
        if ((error as grpc.ServiceError).code === grpc.status.NOT_FOUND || (error as grpc.ServiceError).code === grpc.status.PERMISSION_DENIED) break;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
    if (received !== expectedBytes) {
      throw new ConsiliumError('UNAVAILABLE', `model ${modelVersionId}: received ${received} of ${expectedBytes} bytes${lastError ? ` (${describeError(lastError)})` : ''}`);
    }
    const model = Buffer.concat(parts, received);
    const sha256 = createHash('sha256').update(model).digest('hex');
    if (sha256 !== expectedSha256) throw new ConsiliumError('INVALID_ARGUMENT', `model ${modelVersionId} SHA-256 mismatch: expected ${expectedSha256}, got ${sha256}`);
    return model;
  }

  /** Streams an update: the header, then the container in 1 MiB chunks; resolves with the coordinator's receipt. */
  submitUpdate(header: consilium.v1.IUpdateHeader, container: Uint8Array, chunkBytes?: number): Promise<UpdateReceipt> {
    return new Promise((resolve, reject) => {
      const call = (this.client as unknown as { submitUpdate: SubmitUpdate }).submitUpdate(this.metadata(), (error, receipt) => {
        if (error) reject(error);
        else {
          // Every field, defaults included ("" reason, false), exactly as the coordinator signed them.
          resolve(consilium.v1.UpdateReceipt.toObject(receipt!, { defaults: true, longs: Number }) as UpdateReceipt);
        }
      });
      call.write({ header });
      const chunks = chunksOf(container, chunkBytes);
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
