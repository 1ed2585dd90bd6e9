import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from './access.js';
import { DataSource } from 'typeorm';
import { SiteSessions } from '../../services/site-sessions.js';

@Controller()
@Public()
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    private readonly sessions: SiteSessions,
  ) {}

  @Get('healthz')
  async health(): Promise<{ status: string; database: string; sitesOnline: number }> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok', database: this.dataSource.options.type, sitesOnline: this.sessions.online().length };
  }
}
