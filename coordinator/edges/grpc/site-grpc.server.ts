import * as grpc from '@grpc/grpc-js';

import type { Clock } from '../../../common/clock.js';
import { ConsiliumError } from '../../../common/errors.js';
import { FLOW_CONTROL_WINDOW_BYTES } from '../../../common/flow-control.js';
import type { consilium } from '../../../proto/gen/consilium.js';
import type { CoordinatorConfig } from '../../config/coordinator-config.js';
import { CallRateLimit } from '../../domain/call-rate-limit.js';
import type { ServiceLogger } from '../../services/logger.js';
import type { CoordinatorMetrics } from '../../services/metrics.js';
import type { ModelCatalog } from '../../services/model-catalog.js';
import type { SiteService } from '../../services/site.service.js';
import type { SiteIdentityService } from '../../services/site-identity.service.js';
import type { SiteSessions } from '../../services/site-sessions.js';
import type { UpdateService } from '../../services/update.service.js';
import type { UpdateIntake } from '../../services/update-intake.js';
import { messagesOf } from './call-messages.js';
import { answer, toStatus } from './grpc-status.js';
import { decoded, safeSiteServiceDefinition } from './safe-definition.js';
import { widenReceiveWindow } from './server-flow-control.js';
import { receiptToProto, updateHeaderFromProto, uploadStatusRequestFromProto } from './site-message.mappers.js';
import { SiteStreamHandler } from './site-stream.handler.js';

/** Chunks of one upload that may wait for the disk before its stream is paused (4 MiB at the default chunk size). */
const MAX_QUEUED_CHUNKS = 4;

type Caller = { getAuthContext(): { sslPeerCertificate?: { raw?: Buffer } } | null };

/**
 * The SiteService data plane on a plain grpc-js server (about twice as fast
 * as Nest's gRPC transport for chunked streams). Handlers check the caller,
 * parse, call one use case and map back; streams are `for await` loops.
 */
export class SiteGrpcServer {
  private server: grpc.Server | null = null;
  private boundPort = 0;
  private readonly rates: CallRateLimit;
  private readonly stream: SiteStreamHandler;

  constructor(
    private readonly config: CoordinatorConfig,
    private readonly sites: SiteService,
    private readonly sessions: SiteSessions,
    private readonly updates: UpdateService,
    private readonly intake: UpdateIntake,
    private readonly catalog: ModelCatalog,
    private readonly logger: ServiceLogger,
    private readonly identity: SiteIdentityService,
    private readonly clock: Clock,
    private readonly metrics: CoordinatorMetrics,
  ) {
    this.rates = new CallRateLimit(config.siteCallsPerMinute);
    this.stream = new SiteStreamHandler(sites, sessions, updates, logger, config.heartbeatIntervalMs);
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<number> {
    this.intake.startSweeping();
    const server = new grpc.Server({
      'grpc.max_receive_message_length': this.config.maxMessageBytes,
      'grpc.max_send_message_length': this.config.chunkBytes + 64 * 1024,
      // Sites sit behind hospital NATs that drop idle flows; keepalives hold the stream open.
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    });
    const window = widenReceiveWindow(server, FLOW_CONTROL_WINDOW_BYTES);
    server.addService(safeSiteServiceDefinition, {
      connect: (call: grpc.ServerDuplexStream<unknown, consilium.v1.ICoordinatorMessage>) => void this.stream.handle(call, this.callerSite(call)),
      fetchModel: (call: grpc.ServerWritableStream<unknown, consilium.v1.IModelChunk>) => void this.fetchModel(call),
      submitUpdate: (call: grpc.ServerReadableStream<unknown, consilium.v1.IUpdateReceipt>, callback: grpc.sendUnaryData<consilium.v1.IUpdateReceipt>) =>
        void answer(callback, () => this.submitUpdate(call)),
      uploadStatus: (call: grpc.ServerUnaryCall<unknown, consilium.v1.IUploadStatus>, callback: grpc.sendUnaryData<consilium.v1.IUploadStatus>) =>
        void answer(callback, () => this.uploadStatus(call)),
      renewCertificate: (call: grpc.ServerUnaryCall<unknown, consilium.v1.ISiteCertificate>, callback: grpc.sendUnaryData<consilium.v1.ISiteCertificate>) =>
        void answer(callback, () => this.renewCertificate(call)),
    } as unknown as grpc.UntypedServiceImplementation);
    // Mutual TLS only: the handshake fails without a client certificate from the federation CA.
    const tls = await this.identity.serverTls(this.config.host, this.config.serverNames);
    const credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(tls.caCertificatePem),
      [{ private_key: Buffer.from(tls.keyPem), cert_chain: Buffer.from(tls.certPem) }],
      true,
    );
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${this.config.host}:${this.config.grpcPort}`, credentials, (error, port) => (error ? reject(error) : resolve(port))),
    );
    const windowProblem = window.afterBind();
    if (windowProblem) this.logger.warn(windowProblem);
    this.server = server;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    this.intake.stopSweepingUploads();
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.sessions.closeAll('coordinator shutting down');
    await new Promise<void>((resolve) => {
      const force = this.clock.after(2_000, () => {
        server.forceShutdown();
        resolve();
      });
      server.tryShutdown(() => {
        force();
        resolve();
      });
    });
  }

  /** The site the call's client certificate names, once it passed the revocation check and the site's call budget. */
  private async callerSite(call: Caller): Promise<string> {
    const siteId = await this.identity.authenticatePeer(call.getAuthContext()?.sslPeerCertificate?.raw);
    if (!this.rates.allow(siteId, this.clock.now().getTime())) {
      throw new ConsiliumError(
        'RESOURCE_EXHAUSTED',
        `site ${siteId} opened more than ${this.config.siteCallsPerMinute} calls in the last minute (siteCallsPerMinute); back off and retry`,
      );
    }
    await this.sites.requireEnrolled(siteId);
    return siteId;
  }

  private async fetchModel(call: grpc.ServerWritableStream<unknown, consilium.v1.IModelChunk>): Promise<void> {
    try {
      const siteId = await this.callerSite(call);
      const request = decoded<consilium.v1.FetchModelRequest>(call.request);
      await this.updates.requireModelAccess(siteId, request.modelVersionId);
      const version = await this.catalog.get(request.modelVersionId);
      const chunkBytes = Math.min(request.chunkBytes || this.config.chunkBytes, this.config.chunkBytes);
      for await (const { offset, data } of this.catalog.chunks(version, Number(request.offset), chunkBytes)) {
        if (call.cancelled) break;
        // Respect HTTP/2 flow control: wait for the site to drain before reading more from disk.
        const flowing = call.write({ offset, data, totalBytes: version.bytes, sha256: version.sha256 });
        this.metrics.bytesSent.inc({ kind: 'model' }, data.length);
        if (!flowing) await new Promise((resolve) => call.once('drain', resolve));
      }
      call.end();
    } catch (error) {
      call.emit('error', toStatus(error));
    }
  }

  /** A header (with the offset this stream resumes at), then chunks; the intake holds, judges and records them. */
  private async submitUpdate(call: grpc.ServerReadableStream<unknown, consilium.v1.IUpdateReceipt>): Promise<consilium.v1.IUpdateReceipt> {
    const siteId = await this.callerSite(call);
    const messages = messagesOf(call, MAX_QUEUED_CHUNKS)[Symbol.asyncIterator]();
    try {
      const first = await messages.next();
      if (first.done) throw new ConsiliumError('INVALID_ARGUMENT', 'SubmitUpdate ended before its header');
      const opening = decoded<consilium.v1.UpdateMessage>(first.value);
      if (!opening.header) throw new ConsiliumError('INVALID_ARGUMENT', 'the first SubmitUpdate message must be the header');
      const { header, offset } = updateHeaderFromProto(opening.header);
      return receiptToProto(await this.intake.receive(siteId, header, offset, updateChunks(messages)));
    } finally {
      await messages.return?.();
    }
  }

  private async uploadStatus(call: grpc.ServerUnaryCall<unknown, consilium.v1.IUploadStatus>): Promise<consilium.v1.IUploadStatus> {
    const siteId = await this.callerSite(call);
    const { taskId, sha256 } = uploadStatusRequestFromProto(decoded(call.request));
    const state = await this.intake.status(siteId, taskId, sha256);
    return state.receipt ? { receivedBytes: 0, receipt: receiptToProto(state.receipt) } : { receivedBytes: state.receivedBytes };
  }

  private async renewCertificate(call: grpc.ServerUnaryCall<unknown, consilium.v1.ISiteCertificate>): Promise<consilium.v1.ISiteCertificate> {
    const siteId = await this.callerSite(call);
    const issued = await this.identity.renew(siteId, decoded<consilium.v1.RenewCertificateRequest>(call.request).csrPem);
    this.logger.log(`site ${siteId} renewed its certificate (serial ${issued.serial}, valid until ${issued.notAfter})`, { siteId });
    return { certificatePem: issued.certificate, caCertificatePem: issued.caCertificate, serial: issued.serial, notAfter: issued.notAfter };
  }
}

/** The chunks after the header; a second header or an undecodable message ends the upload with INVALID_ARGUMENT. */
async function* updateChunks(messages: AsyncIterator<unknown>): AsyncGenerator<Uint8Array> {
  for (let next = await messages.next(); !next.done; next = await messages.next()) {
    const body = decoded<consilium.v1.UpdateMessage>(next.value);
    if (body.header) throw new ConsiliumError('INVALID_ARGUMENT', 'SubmitUpdate carries one header; a second one was sent');
    yield body.chunk ?? new Uint8Array();
  }
}
