import * as grpc from '@grpc/grpc-js';
import { FLOW_CONTROL_WINDOW_BYTES } from '../../../common/flow-control.js';
import type { UpdateReceipt } from '../../../common/task-order.js';
import { ContainerScanner } from '../../../common/container-scan.js';
import { ConsiliumError, describeError, isConsiliumError } from '../../../common/errors.js';
import { consilium } from '../../../proto/gen/consilium.js';
import { SiteServiceDefinition } from '../../../proto/gen/services.grpc.js';
import { widenReceiveWindow } from './server-flow-control.js';
import type { CoordinatorConfig } from '../../config/coordinator-config.js';
import type { UpdateHeader } from '../../../common/task-order.js';
import type { BlobStore, PartialWriter, UploadStore } from '../../persistence/storage.port.js';
import type { Cancel, Clock } from '../../services/clock.js';
import type { ServiceLogger } from '../../services/logger.js';
import type { ModelCatalog } from '../../services/model-catalog.js';
import type { SiteChannel, SiteSessions } from '../../services/site-sessions.js';
import type { SiteService } from '../../services/site.service.js';
import type { UpdateService, UpdatePayload } from '../../services/update.service.js';
import { GRPC_STATUS } from '../error-mapping.js';
import { consentFromProto, evaluationFromProto, helloFromProto, progressFromProto, offerToProto, receiptToProto, taskToProto, updateHeaderFromProto, uploadStatusRequestFromProto } from './site-message.mappers.js';
import { CallRateLimit } from '../../domain/call-rate-limit.js';
import type { PkiStore } from '../../persistence/pki-store.js';
import type { SiteIdentityService } from '../../services/site-identity.service.js';


/** A message that did not decode; handlers answer INVALID_ARGUMENT instead of the INTERNAL grpc-js would send. */
class MalformedMessage {
  constructor(readonly reason: string) {}
}

type Definition = typeof SiteServiceDefinition;
const safeDefinition = Object.fromEntries(
  Object.entries(SiteServiceDefinition).map(([name, method]) => [
    name,
    {
      ...method,
      requestDeserialize: (bytes: Buffer) => {
        try {
          return method.requestDeserialize(bytes);
        } catch (error) {
          return new MalformedMessage(`malformed ${method.originalName} message: ${describeError(error)}`);
        }
      },
    },
  ]),
) as unknown as Definition;

/** Chunks of one upload that may wait for the disk before its stream is paused (4 MiB at the default chunk size). */
const MAX_QUEUED_CHUNKS = 4;

function toStatus(error: unknown): Partial<grpc.StatusObject> {
  if (isConsiliumError(error)) return { code: GRPC_STATUS[error.code], details: error.message };
  return { code: grpc.status.INTERNAL, details: `internal error: ${describeError(error)}` };
}

/**
 * The SiteService data plane on a plain grpc-js server (about twice as fast
 * as Nest's gRPC transport for chunked streams). Handlers parse, check the
 * site, delegate to services and map back; nothing else.
 */
export class SiteGrpcServer {
  private server: grpc.Server | null = null;
  private boundPort = 0;
  private readonly rates: CallRateLimit;
  private stopSweeping: Cancel | null = null;

  constructor(
    private readonly config: CoordinatorConfig,
    private readonly sites: SiteService,
    private readonly sessions: SiteSessions,
    private readonly updates: UpdateService,
    private readonly catalog: ModelCatalog,
    private readonly blobs: BlobStore,
    private readonly logger: ServiceLogger,
    private readonly identity: SiteIdentityService,
    private readonly pki: PkiStore,
    private readonly partials: UploadStore,
    private readonly clock: Clock,
  ) {
    this.rates = new CallRateLimit(config.siteCallsPerMinute);
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<number> {
    // Uploads abandoned for a day (their round is long closed) are deleted: looked for at start and then hourly.
    const sweep = (): void => void this.partials.sweep(86_400_000, this.clock.now().getTime()).catch((error: unknown) => this.logger.warn(`sweeping partial uploads: ${describeError(error)}`));
    sweep();
    this.stopSweeping = this.clock.every(3_600_000, sweep);
    const server = new grpc.Server({
      'grpc.max_receive_message_length': this.config.maxMessageBytes,
      'grpc.max_send_message_length': this.config.chunkBytes + 64 * 1024,
      // Sites sit behind hospital NATs that drop idle flows; keepalives hold the stream open.
      'grpc.keepalive_time_ms': 30_000,
      'grpc.keepalive_permit_without_calls': 1,
      'grpc.http2.min_ping_interval_without_data_ms': 10_000,
    });
    const window = widenReceiveWindow(server, FLOW_CONTROL_WINDOW_BYTES);
    server.addService(safeDefinition, {
      connect: (call: grpc.ServerDuplexStream<unknown, consilium.v1.ICoordinatorMessage>) => this.connect(call),
      fetchModel: (call: grpc.ServerWritableStream<unknown, consilium.v1.IModelChunk>) => void this.fetchModel(call),
      submitUpdate: (call: grpc.ServerReadableStream<unknown, consilium.v1.IUpdateReceipt>, callback: grpc.sendUnaryData<consilium.v1.IUpdateReceipt>) =>
        this.submitUpdate(call, callback),
      uploadStatus: (call: grpc.ServerUnaryCall<unknown, consilium.v1.IUploadStatus>, callback: grpc.sendUnaryData<consilium.v1.IUploadStatus>) => void this.uploadStatus(call, callback),
      renewCertificate: (call: grpc.ServerUnaryCall<unknown, consilium.v1.ISiteCertificate>, callback: grpc.sendUnaryData<consilium.v1.ISiteCertificate>) =>
        void this.renewCertificate(call, callback),
    } as unknown as grpc.UntypedServiceImplementation);
    // Mutual TLS only: the handshake fails without a client certificate from the federation CA.
    const tls = await this.pki.serverIdentity(this.config.host, this.config.serverNames);
    const credentials = grpc.ServerCredentials.createSsl(Buffer.from(this.pki.caCertificatePem), [{ private_key: Buffer.from(tls.keyPem), cert_chain: Buffer.from(tls.certPem) }], true);
    this.boundPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${this.config.host}:${this.config.grpcPort}`, credentials, (error, port) => (error ? reject(error) : resolve(port))),
    );
    const windowProblem = window.afterBind();
    if (windowProblem) this.logger.warn(windowProblem);
    this.server = server;
    return this.boundPort;
  }

  async stop(): Promise<void> {
    this.stopSweeping?.();
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
  private async callerSite(call: { getAuthContext(): { sslPeerCertificate?: { raw?: Buffer } } | null }): Promise<string> {
    const siteId = await this.identity.authenticatePeer(call.getAuthContext()?.sslPeerCertificate?.raw);
    if (!this.rates.allow(siteId, this.clock.now().getTime())) {
      throw new ConsiliumError('RESOURCE_EXHAUSTED', `site ${siteId} opened more than ${this.config.siteCallsPerMinute} calls in the last minute (siteCallsPerMinute); back off and retry`);
    }
    await this.sites.requireEnrolled(siteId);
    return siteId;
  }

  private connect(call: grpc.ServerDuplexStream<unknown, consilium.v1.ICoordinatorMessage>): void {
    let siteId: string | null = null;
    let closed = false;
    const channel: SiteChannel = {
      sendTask: (order) => call.write({ task: taskToProto(order) }),
      cancelTask: (taskId, reason) => call.write({ cancel: { taskId, reason } }),
      sendOffer: (offer) => call.write({ offer: offerToProto(offer) }),
      close: (reason, code = 'UNAVAILABLE') => finish(new ConsiliumError(code, reason)),
    };
    const finish = (error?: unknown): void => {
      if (closed) return;
      closed = true;
      if (siteId) {
        this.sessions.detach(siteId, channel);
        this.logger.log(`site ${siteId} disconnected`);
        const gone = siteId;
        void this.sites.recordDisconnect(gone).catch((error: unknown) => this.logger.warn(`recording that ${gone} disconnected: ${describeError(error)}`));
      }
      if (error) call.emit('error', toStatus(error));
      else call.end();
    };
    // Messages are handled one after another: the certificate is checked and the hello recorded before anything else counts.
    const peer = this.callerSite(call);
    let queue: Promise<unknown> = peer.catch((error: unknown) => finish(error));
    call.on('data', (message: unknown) => {
      queue = queue.then(async () => this.onSiteMessage(await peer, message, siteId)).then(
        (identified) => {
          if (identified && !siteId && !closed) {
            siteId = identified;
            call.write({ welcome: { siteId, heartbeatIntervalMs: this.config.heartbeatIntervalMs } });
            this.sessions.attach(siteId, channel);
            this.logger.log(`site ${siteId} connected`);
          }
        },
        (error: unknown) => finish(error),
      );
    });
    call.on('end', () => finish());
    call.on('cancelled', () => finish());
    call.on('error', () => finish());
  }

  /** Returns the site id once a valid hello has been recorded. */
  private async onSiteMessage(certified: string, message: unknown, siteId: string | null): Promise<string | null> {
    if (message instanceof MalformedMessage) throw new ConsiliumError('INVALID_ARGUMENT', message.reason);
    const body = message as consilium.v1.SiteMessage;
    if (!siteId) {
      const hello = helloFromProto(body.hello);
      if (certified !== hello.siteId) {
        throw new ConsiliumError('PERMISSION_DENIED', `hello names site "${hello.siteId}" but the client certificate is site "${certified}"'s; a site speaks only for itself`);
      }
      await this.sites.recordHello(hello);
      return hello.siteId;
    }
    if (body.heartbeat) await this.sites.touch(siteId);
    else if (body.progress) this.sessions.reportProgress(siteId, progressFromProto(body.progress));
    else if (body.consent) await this.sites.recordConsent(siteId, consentFromProto(body.consent));
    else if (body.failure) await this.updates.recordFailure(siteId, body.failure.taskId ?? '', (body.failure.reason ?? '').slice(0, 2000));
    else if (body.evaluation) {
      const result = evaluationFromProto(body.evaluation);
      await this.updates.recordEvaluation(siteId, result.taskId, result.sampleCount, result.metrics);
    }
    return siteId;
  }

  private async fetchModel(call: grpc.ServerWritableStream<unknown, consilium.v1.IModelChunk>): Promise<void> {
    try {
      const siteId = await this.callerSite(call);
      if (call.request instanceof MalformedMessage) throw new ConsiliumError('INVALID_ARGUMENT', call.request.reason);
      const request = call.request as consilium.v1.FetchModelRequest;
      await this.updates.requireModelAccess(siteId, request.modelVersionId);
      const version = await this.catalog.get(request.modelVersionId);
      const offset = Number(request.offset);
      if (offset > version.bytes) {
        throw new ConsiliumError('INVALID_ARGUMENT', `offset ${offset} is past the end of model ${version.id} (${version.bytes} bytes)`);
      }
      const chunkBytes = Math.min(request.chunkBytes || this.config.chunkBytes, this.config.chunkBytes);
      for (let at = offset; at < version.bytes && !call.cancelled; at += chunkBytes) {
        const data = await this.blobs.readRange(version.sha256, at, Math.min(chunkBytes, version.bytes - at));
        // Respect HTTP/2 flow control: wait for the site to drain before reading more from disk.
        if (!call.write({ offset: at, data, totalBytes: version.bytes, sha256: version.sha256 })) {
          await new Promise((resolve) => call.once('drain', resolve));
        }
      }
      call.end();
    } catch (error) {
      call.emit('error', toStatus(error));
    }
  }

  /**
   * A header (with the offset this stream starts at), then chunks written
   * to the site's partial upload as they arrive and scanned on the way
   * (SHA-256, container, values: see ContainerScanner). A broken stream keeps
   * what arrived; the site asks UploadStatus and sends the rest. When the
   * whole update is held it has been checked, and the service takes the file.
   * The stream is paused while a few chunks wait for the disk, so a fast
   * site cannot queue its whole update in the coordinator's memory.
   */
  private submitUpdate(call: grpc.ServerReadableStream<unknown, consilium.v1.IUpdateReceipt>, callback: grpc.sendUnaryData<consilium.v1.IUpdateReceipt>): void {
    let header: UpdateHeader | null = null;
    let writer: PartialWriter | null = null;
    let scanner: ContainerScanner | null = null;
    let payloadError: string | null = null;
    let again: UpdateReceipt | null = null;
    let answered = false;
    let waiting = 0;
    const answer = (error: unknown, receipt?: consilium.v1.IUpdateReceipt): void => {
      if (answered) return;
      answered = true;
      if (error) callback(toStatus(error) as grpc.ServiceError);
      else callback(null, receipt);
    };
    const release = async (): Promise<void> => {
      const open = writer;
      writer = null;
      await open?.close();
    };
    let siteId = '';
    let queue: Promise<unknown> = this.callerSite(call).then((id) => {
      siteId = id;
    });
    queue.catch((error: unknown) => answer(error));
    call.on('data', (message: unknown) => {
      if (++waiting > MAX_QUEUED_CHUNKS) call.pause();
      queue = queue
        .then(async () => {
          if (answered) return;
          if (message instanceof MalformedMessage) throw new ConsiliumError('INVALID_ARGUMENT', message.reason);
          const body = message as consilium.v1.UpdateMessage;
          if (!header) {
            if (!body.header) throw new ConsiliumError('INVALID_ARGUMENT', 'the first SubmitUpdate message must be the header');
            const parsed = updateHeaderFromProto(body.header);
            header = parsed.header;
            const limit = await this.updates.uploadLimit(siteId, header.taskId);
            if (limit !== null && header.totalBytes > limit) {
              throw new ConsiliumError('RESOURCE_EXHAUSTED', `update declares ${header.totalBytes} bytes; an update for this model is at most ${limit} bytes`);
            }
            again = await this.updates.existingReceipt(siteId, header.taskId, header.sha256);
            if (limit === null) payloadError = `unknown task ${header.taskId}`;
            if (again || payloadError) return;
            const scan = new ContainerScanner(header.totalBytes);
            scanner = scan;
            writer = await this.partials.open(siteId, header.taskId, header.sha256, (bytes) => scan.feed(bytes));
            if (parsed.offset !== writer.held) {
              throw new ConsiliumError('FAILED_PRECONDITION', `upload of task ${header.taskId} resumes at byte ${writer.held}, not ${parsed.offset}; ask UploadStatus`);
            }
            return;
          }
          if (body.header) throw new ConsiliumError('INVALID_ARGUMENT', 'SubmitUpdate carries one header; a second one was sent');
          if (again || payloadError || !writer) return;
          const chunk = body.chunk ?? new Uint8Array();
          if (writer.held + chunk.length > header.totalBytes) {
            payloadError = `update is larger than the ${header.totalBytes} bytes its header declared`;
            await release();
            await this.partials.discard(siteId, header.taskId, header.sha256);
            return;
          }
          await writer.write(chunk);
        })
        .catch((error: unknown) => answer(error))
        .finally(() => {
          if (--waiting === MAX_QUEUED_CHUNKS) call.resume();
        });
    });
    call.on('end', () => {
      queue = queue
        .then(async () => {
          if (answered) return;
          if (!header) throw new ConsiliumError('INVALID_ARGUMENT', 'SubmitUpdate ended before its header');
          if (again) return answer(null, receiptToProto(again));
          const finished = writer;
          try {
            await finished?.flush();
          } finally {
            await release();
          }
          const held = finished?.held ?? 0;
          if (!payloadError && held < header.totalBytes) {
            throw new ConsiliumError('FAILED_PRECONDITION', `upload of task ${header.taskId} holds ${held} of ${header.totalBytes} bytes; send the rest from byte ${held}`);
          }
          try {
            answer(null, receiptToProto(await this.updates.submit(siteId, header, this.assembled(header, payloadError, scanner, finished))));
          } finally {
            // Accepted, the file moved into the blob store; otherwise it is done with.
            await this.partials.discard(siteId, header.taskId, header.sha256);
          }
        })
        .catch((error: unknown) => answer(error));
    });
    // A broken or cancelled stream leaves the partial upload for the site to resume.
    const broken = (): void => void (queue = queue.then(release, release));
    call.on('error', broken);
    call.on('cancelled', broken);
  }

  /** The held upload as the service takes it: its file, whole and matching its SHA-256, with its scan; or the reason it is not. */
  private assembled(header: UpdateHeader, payloadError: string | null, scanner: ContainerScanner | null, writer: PartialWriter | null): UpdatePayload {
    if (payloadError || !scanner || !writer) return { ok: false, reason: payloadError ?? 'no bytes were held for this update' };
    const { sha256, result } = scanner.finish();
    if (sha256 !== header.sha256) return { ok: false, reason: `update SHA-256 mismatch: header says ${header.sha256}, bytes hash to ${sha256}` };
    if (!result.ok) return result;
    return { ok: true, file: writer.file, scan: result.scan };
  }

  private async uploadStatus(call: grpc.ServerUnaryCall<unknown, consilium.v1.IUploadStatus>, callback: grpc.sendUnaryData<consilium.v1.IUploadStatus>): Promise<void> {
    try {
      const siteId = await this.callerSite(call);
      if (call.request instanceof MalformedMessage) throw new ConsiliumError('INVALID_ARGUMENT', call.request.reason);
      const { taskId, sha256 } = uploadStatusRequestFromProto(call.request as consilium.v1.UploadStatusRequest);
      await this.updates.uploadLimit(siteId, taskId);
      const receipt = await this.updates.existingReceipt(siteId, taskId, sha256);
      callback(null, receipt ? { receivedBytes: 0, receipt: receiptToProto(receipt) } : { receivedBytes: await this.partials.size(siteId, taskId, sha256) });
    } catch (error) {
      callback(toStatus(error) as grpc.ServiceError);
    }
  }

  private async renewCertificate(call: grpc.ServerUnaryCall<unknown, consilium.v1.ISiteCertificate>, callback: grpc.sendUnaryData<consilium.v1.ISiteCertificate>): Promise<void> {
    try {
      const siteId = await this.callerSite(call);
      if (call.request instanceof MalformedMessage) throw new ConsiliumError('INVALID_ARGUMENT', call.request.reason);
      const issued = await this.identity.renew(siteId, (call.request as consilium.v1.RenewCertificateRequest).csrPem);
      this.logger.log(`site ${siteId} renewed its certificate (serial ${issued.serial}, valid until ${issued.notAfter})`);
      callback(null, { certificatePem: issued.certificate, caCertificatePem: issued.caCertificate, serial: issued.serial, notAfter: issued.notAfter });
    } catch (error) {
      callback(toStatus(error) as grpc.ServiceError);
    }
  }
}
