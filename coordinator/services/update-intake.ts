import type { Cancel, Clock } from '../../common/clock.js';
import { ContainerScanner } from '../../common/container-scan.js';
import { ConsiliumError, describeError } from '../../common/errors.js';
import type { UpdateHeader, UpdateReceipt } from '../../common/task-order.js';
import type { PartialWriter, UploadStore } from '../persistence/storage.port.js';
import type { ServiceLogger } from './logger.js';
import type { CoordinatorMetrics } from './metrics.js';
import type { HeldUpload, UpdateService } from './update.service.js';

/** Uploads abandoned this long (their round is long closed) are deleted. */
const ABANDONED_MS = 86_400_000;

/** Where an upload stands, for a site that lost its stream: bytes held, or the receipt when it was already recorded. */
export interface UploadState {
  receivedBytes: number;
  receipt?: UpdateReceipt;
}

/**
 * The one way an update comes in: the header, then the chunks from the
 * offset the site resumes at. Chunks are written to the site's partial
 * upload and scanned as they arrive (SHA-256, container, values); a stream
 * that breaks keeps what arrived for the site to resume. Once the whole
 * update is held, the update service judges and records it, and the site
 * gets its receipt.
 */
export class UpdateIntake {
  private stopSweeping: Cancel | null = null;

  constructor(
    private readonly updates: UpdateService,
    private readonly uploads: UploadStore,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
    private readonly metrics: CoordinatorMetrics,
  ) {}

  async receive(siteId: string, header: UpdateHeader, offset: number, chunks: AsyncIterable<Uint8Array>): Promise<UpdateReceipt> {
    const limit = await this.updates.uploadLimit(siteId, header.taskId);
    if (limit !== null && header.totalBytes > limit) {
      throw new ConsiliumError('RESOURCE_EXHAUSTED', `update declares ${header.totalBytes} bytes; an update for this model is at most ${limit} bytes`);
    }
    const again = await this.updates.existingReceipt(siteId, header.taskId, header.sha256);
    if (again || limit === null) {
      // Nothing to hold: the receipt is known, or the task is not, which the judgement will say.
      for await (const _ of chunks);
      return again ?? this.updates.record(siteId, header, { ok: false, reason: `unknown task ${header.taskId}` });
    }
    this.metrics.uploadsInFlight.inc();
    let upload: HeldUpload;
    try {
      upload = await this.hold(siteId, header, offset, chunks);
    } finally {
      this.metrics.uploadsInFlight.dec();
    }
    try {
      return await this.updates.record(siteId, header, upload);
    } finally {
      // Accepted, the file moved into the blob store; otherwise it is done with.
      await this.uploads.discard(siteId, header.taskId, header.sha256);
    }
  }

  /** Writes the chunks after what is held; the whole update, scanned, or the reason it is not whole. */
  private async hold(siteId: string, header: UpdateHeader, offset: number, chunks: AsyncIterable<Uint8Array>): Promise<HeldUpload> {
    const scanner = new ContainerScanner(header.totalBytes);
    let writer: PartialWriter | null = await this.uploads.open(siteId, header.taskId, header.sha256, (bytes) => scanner.feed(bytes));
    let oversize: string | null = null;
    try {
      if (offset !== writer.held) {
        throw new ConsiliumError('FAILED_PRECONDITION', `upload of task ${header.taskId} resumes at byte ${writer.held}, not ${offset}; ask UploadStatus`);
      }
      for await (const chunk of chunks) {
        if (!writer) continue;
        if (writer.held + chunk.length > header.totalBytes) {
          oversize = `update is larger than the ${header.totalBytes} bytes its header declared`;
          await writer.close();
          writer = null;
          await this.uploads.discard(siteId, header.taskId, header.sha256);
          continue;
        }
        await writer.write(chunk);
        this.metrics.bytesReceived.inc({ kind: 'update' }, chunk.length);
      }
      if (oversize || !writer) return { ok: false, reason: oversize ?? 'no bytes were held for this update' };
      await writer.flush();
      if (writer.held < header.totalBytes) {
        throw new ConsiliumError(
          'FAILED_PRECONDITION',
          `upload of task ${header.taskId} holds ${writer.held} of ${header.totalBytes} bytes; send the rest from byte ${writer.held}`,
        );
      }
      const { sha256, result } = scanner.finish();
      if (sha256 !== header.sha256) return { ok: false, reason: `update SHA-256 mismatch: header says ${header.sha256}, bytes hash to ${sha256}` };
      return result.ok ? { ok: true, file: writer.file, scan: result.scan } : result;
    } finally {
      // A broken stream lands here too: the file is closed and kept for the site to resume.
      await writer?.close();
    }
  }

  async status(siteId: string, taskId: string, sha256: string): Promise<UploadState> {
    await this.updates.uploadLimit(siteId, taskId);
    const receipt = await this.updates.existingReceipt(siteId, taskId, sha256);
    return receipt ? { receivedBytes: 0, receipt } : { receivedBytes: await this.uploads.size(siteId, taskId, sha256) };
  }

  /** Deletes abandoned uploads now and then hourly. */
  startSweeping(): void {
    const sweep = (): void =>
      void this.uploads
        .sweep(ABANDONED_MS, this.clock.now().getTime())
        .catch((error: unknown) => this.logger.warn(`sweeping partial uploads: ${describeError(error)}`));
    sweep();
    this.stopSweeping = this.clock.every(3_600_000, sweep);
  }

  stopSweepingUploads(): void {
    this.stopSweeping?.();
  }
}
