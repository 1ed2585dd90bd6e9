import { Controller, Get, Inject, Res } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { Clock } from '../../../common/clock.js';
import { DatabaseHealth, type DatabaseStatus } from '../../persistence/database-health.js';
import { Repositories } from '../../persistence/repositories/index.js';
import { SiteSessions } from '../../services/site-sessions.js';
import { Public } from './access.js';

interface StatusResponse {
  status(code: number): unknown;
}

/**
 * Liveness and readiness both commit a probe write: a coordinator whose
 * database answers reads but cannot commit (a full disk) is not healthy, and
 * says why with 503 so a load balancer or Kubernetes stops sending it work.
 */
@Controller()
@Public()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly repos: Repositories,
    private readonly health: DatabaseHealth,
    private readonly clock: Clock,
    private readonly sessions: SiteSessions,
  ) {}

  @Get('healthz')
  async healthz(@Res({ passthrough: true }) response: StatusResponse): Promise<{ status: string; database: DatabaseStatus; sitesOnline: number }> {
    const database = await this.database(response);
    return { status: database.writable ? 'ok' : 'unavailable', database, sitesOnline: this.sessions.online().length };
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) response: StatusResponse): Promise<{ ready: boolean; database: DatabaseStatus }> {
    const database = await this.database(response);
    return { ready: database.writable, database };
  }

  private async database(response: StatusResponse): Promise<DatabaseStatus> {
    const database = await this.health.check(this.dataSource.options.type, () => this.repos.commitProbe(this.clock.iso()));
    if (!database.writable) response.status(503);
    return database;
  }
}
