import { Controller, Get, Inject, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Clock } from '../../../common/clock.js';
import { describeError } from '../../../common/errors.js';
import { certificateInfo } from '../../../common/pki.js';
import { DatabaseHealth, type DatabaseStatus } from '../../persistence/database-health.js';
import { PkiStore } from '../../persistence/pki-store.js';
import { Repositories } from '../../persistence/repositories/index.js';
import { BLOB_STORE, type BlobStore } from '../../persistence/storage.port.js';
import { Public } from './access.js';
import { Answers } from './openapi.js';
import { healthResponse, readyResponse } from './responses.js';

/** Whether the blob store takes a write now, and why not. */
interface BlobStatus {
  writable: boolean;
  error: string | null;
}

/** The federation CA this coordinator signs site certificates with: loaded (it cannot start without it) and when it expires. */
interface CaStatus {
  loaded: boolean;
  notAfter: string;
  daysLeft: number;
}

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Liveness and readiness both commit a probe write: a coordinator whose
 * database answers reads but cannot commit (a full disk) is not healthy, and
 * says why with 503 so a load balancer or Kubernetes stops sending it work.
 * Readiness also writes a probe to the blob store (updates and models land
 * there) and reports the federation CA. Both are public, so neither says
 * anything about the federation's sites, runs or counts.
 */
@Controller()
@Public()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly repos: Repositories,
    private readonly health: DatabaseHealth,
    private readonly clock: Clock,
    @Inject(BLOB_STORE) private readonly blobs: BlobStore,
    private readonly pki: PkiStore,
  ) {}

  @Get('healthz')
  @Answers(healthResponse, 'alive: the database commits a probe write (503 when not)')
  async healthz(@Res({ passthrough: true }) response: StatusResponse): Promise<{ status: string; database: DatabaseStatus }> {
    const database = await this.database(response);
    return { status: database.writable ? 'ok' : 'unavailable', database };
  }

  @Get('readyz')
  @Answers(readyResponse, 'ready: database and blob store writable, CA loaded and valid (503 with the reason when not)')
  async readyz(@Res({ passthrough: true }) response: StatusResponse): Promise<{ ready: boolean; database: DatabaseStatus; blobs: BlobStatus; ca: CaStatus }> {
    const database = await this.database(response);
    const blobs = await this.blobs.probeWrite().then(
      (): BlobStatus => ({ writable: true, error: null }),
      (error: unknown): BlobStatus => ({ writable: false, error: describeError(error) }),
    );
    const { notAfter } = certificateInfo(this.pki.caCertificatePem);
    const ca = { loaded: true, notAfter, daysLeft: Math.floor((Date.parse(notAfter) - this.clock.now().getTime()) / 86_400_000) };
    const ready = database.writable && blobs.writable && ca.daysLeft >= 0;
    if (!ready) response.status(503);
    return { ready, database, blobs, ca };
  }

  private async database(response: StatusResponse): Promise<DatabaseStatus> {
    const database = await this.health.check(this.dataSource.options.type, () => this.repos.commitProbe(this.clock.iso()));
    if (!database.writable) response.status(503);
    return database;
  }
}
