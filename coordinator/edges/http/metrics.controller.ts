import { Controller, Get, Header } from '@nestjs/common';

import { CoordinatorMetrics } from '../../services/metrics.js';
import { Roles } from './access.js';
import { Answers } from './openapi.js';

/**
 * Prometheus's scrape target. Counts of rounds, updates and sites are the
 * federation's business, so it takes a token: the monitor role exists for the
 * Prometheus server (it may call nothing else); admins may read it too.
 */
@Controller()
@Roles('monitor', 'admin')
export class MetricsController {
  constructor(private readonly metrics: CoordinatorMetrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Answers('text/plain', 'Prometheus text exposition: rounds, updates, bytes, sites online, uploads, timings, audit chain length')
  text(): Promise<string> {
    return this.metrics.text();
  }
}
