import path from 'node:path';

import { type DynamicModule, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD, ModuleRef, Reflector } from '@nestjs/core';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';

import { type Cancel, Clock } from '../common/clock.js';
import type { CoordinatorConfig } from './config/coordinator-config.js';
import { SiteGrpcServer } from './edges/grpc/site-grpc.server.js';
import { AccessGuard } from './edges/http/access.js';
import { AuditController } from './edges/http/audit.controller.js';
import { EnrolmentController } from './edges/http/enrolment.controller.js';
import { EvaluationsController } from './edges/http/evaluations.controller.js';
import { HealthController } from './edges/http/health.controller.js';
import { MetricsController } from './edges/http/metrics.controller.js';
import { ModelsController } from './edges/http/models.controller.js';
import { DOCUMENTED_CONTROLLERS, OpenApiController } from './edges/http/openapi.controller.js';
import { RunsController } from './edges/http/runs.controller.js';
import { SessionController } from './edges/http/session.controller.js';
import { SitesController } from './edges/http/sites.controller.js';
import { TokensController } from './edges/http/tokens.controller.js';
import { blobStoreFor } from './persistence/blob-store-for.js';
import { openDataSource } from './persistence/data-source.js';
import { DatabaseHealth } from './persistence/database-health.js';
import { PartialUploads } from './persistence/partial-uploads.js';
import { PkiStore } from './persistence/pki-store.js';
import { Repositories } from './persistence/repositories/index.js';
import { BLOB_STORE, type BlobStore } from './persistence/storage.port.js';
import { TimedBlobStore } from './persistence/timed-blob-store.js';
import { DataSourceTransactions } from './persistence/transactions.js';
import { AccessTokens } from './services/access-tokens.js';
import { AuditLog, loadOrCreateSigningKey } from './services/audit-log.js';
import type { Cluster } from './services/cluster/cluster.js';
import { CLUSTER, clusterFor } from './services/cluster/cluster-for.js';
import { Evaluations } from './services/evaluations.js';
import { InitialModels } from './services/initial-models.js';
import { LineageService } from './services/lineage.service.js';
import { serviceLogger } from './services/logger.js';
import { CoordinatorMetrics } from './services/metrics.js';
import { ModelBuilder } from './services/model-builder.js';
import { ModelCatalog } from './services/model-catalog.js';
import { RoundEngine } from './services/round-engine.js';
import { RunService } from './services/run.service.js';
import { RunReports } from './services/run-reports.js';
import { SiteService } from './services/site.service.js';
import { SiteIdentityService } from './services/site-identity.service.js';
import { SiteSessions } from './services/site-sessions.js';
import { UpdateService } from './services/update.service.js';
import { UpdateIntake } from './services/update-intake.js';

export const COORDINATOR_CONFIG = Symbol('COORDINATOR_CONFIG');

/** Starts the gRPC data plane and resumes unfinished runs once Nest is up; stops both on shutdown. */
class CoordinatorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private stopCheckpoints: Cancel | null = null;

  constructor(
    private readonly grpc: SiteGrpcServer,
    private readonly engine: RoundEngine,
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly config: CoordinatorConfig,
    private readonly builder: ModelBuilder,
    private readonly clock: Clock,
    private readonly cluster: Cluster,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Each start records the configuration it runs with (by digest; values may hold credentials), so changes show in the chain.
    await this.audit.recordStart(this.config);
    // Listening before any site connects, so no message meant for this process's streams is missed.
    await this.cluster.start();
    await this.grpc.start();
    await this.engine.resume();
    // Signed heads at a steady pace, besides the one at the end of every run.
    this.stopCheckpoints = this.clock.every(this.config.auditCheckpointSeconds * 1000, () => void this.audit.checkpoint('periodic').catch(() => undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopCheckpoints?.();
    await this.engine.stop();
    await this.audit.checkpoint('shutdown').catch(() => undefined);
    await this.grpc.stop();
    await this.builder.close();
    await this.cluster.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Wires the framework-free services into Nest. Services are built by
 * factories, so none of them imports Nest; only the edges do.
 */
/** Every REST controller; the access-matrix test and the OpenAPI document walk the same list, so a new route cannot miss either. */
export const HTTP_CONTROLLERS = [
  RunsController,
  EvaluationsController,
  SitesController,
  ModelsController,
  AuditController,
  HealthController,
  MetricsController,
  TokensController,
  EnrolmentController,
  OpenApiController,
  SessionController,
] as const;

@Module({})
export class CoordinatorModule {
  /** `pki` is the CA the caller already loaded (it checked that one exists before starting Nest). */
  /** `clock`: tests pass a ManualClock to move time instead of sleeping; `log`: the process's pino logger. */
  static forRoot(config: CoordinatorConfig, pki: PkiStore, clock: Clock, log: Logger): DynamicModule {
    const logger = serviceLogger(log);
    return {
      module: CoordinatorModule,
      controllers: [...HTTP_CONTROLLERS],
      providers: [
        { provide: COORDINATOR_CONFIG, useValue: config },
        { provide: DOCUMENTED_CONTROLLERS, useValue: HTTP_CONTROLLERS },
        {
          provide: DataSource,
          useFactory: () => openDataSource({ url: config.databaseUrl, sqlitePath: path.join(config.stateDir, 'coordinator.sqlite') }),
        },
        { provide: DatabaseHealth, useFactory: (c: Clock) => new DatabaseHealth(() => c.iso()), inject: [Clock] },
        {
          provide: Repositories,
          useFactory: (ds: DataSource, h: DatabaseHealth, m: CoordinatorMetrics) =>
            new Repositories(
              ds,
              new DataSourceTransactions(ds, h, (seconds, committed) => m.transactionSeconds.observe({ outcome: committed ? 'committed' : 'failed' }, seconds)),
            ),
          inject: [DataSource, DatabaseHealth, CoordinatorMetrics],
        },
        {
          provide: BLOB_STORE,
          useFactory: (m: CoordinatorMetrics) =>
            new TimedBlobStore(blobStoreFor(config), (operation, seconds, ok) => m.blobSeconds.observe({ operation, outcome: ok ? 'ok' : 'failed' }, seconds)),
          inject: [CoordinatorMetrics],
        },
        { provide: PkiStore, useValue: pki },
        { provide: AccessTokens, useFactory: (r: Repositories, c: Clock) => new AccessTokens(r, c), inject: [Repositories, Clock] },
        { provide: APP_GUARD, useFactory: (t: AccessTokens, reflector: Reflector) => new AccessGuard(t, reflector), inject: [AccessTokens, Reflector] },
        {
          provide: SiteIdentityService,
          useFactory: (r: Repositories, p: PkiStore, s: SiteSessions, c: Clock) => new SiteIdentityService(r, p, s, c, config),
          inject: [Repositories, PkiStore, SiteSessions, Clock],
        },
        { provide: Clock, useValue: clock },
        { provide: CLUSTER, useFactory: (r: Repositories, c: Clock) => clusterFor(config, r, c, logger), inject: [Repositories, Clock] },
        { provide: SiteSessions, useFactory: (c: Clock, x: Cluster) => new SiteSessions(c, x), inject: [Clock, CLUSTER] },
        {
          provide: CoordinatorMetrics,
          // Sites and the audit head are read at scrape time: the sessions and the repositories are built after the metrics, which they feed.
          useFactory: (moduleRef: ModuleRef) =>
            new CoordinatorMetrics({
              sitesOnline: () => moduleRef.get(SiteSessions, { strict: false }).local().length,
              auditChainLength: async () => (await moduleRef.get(Repositories, { strict: false }).audit.head())?.seq ?? 0,
            }),
          inject: [ModuleRef],
        },
        {
          provide: AuditLog,
          useFactory: (r: Repositories, c: Clock) => new AuditLog(r, c, loadOrCreateSigningKey(config.stateDir)),
          inject: [Repositories, Clock],
        },
        { provide: LineageService, useFactory: (r: Repositories) => new LineageService(r), inject: [Repositories] },
        { provide: ModelBuilder, useValue: new ModelBuilder() },
        {
          provide: ModelCatalog,
          useFactory: (r: Repositories, b: BlobStore, c: Clock, m: ModelBuilder) => new ModelCatalog(r, b, c, m),
          inject: [Repositories, BLOB_STORE, Clock, ModelBuilder],
        },
        {
          provide: SiteService,
          useFactory: (r: Repositories, s: SiteSessions, c: Clock) => new SiteService(r, s, c),
          inject: [Repositories, SiteSessions, Clock],
        },
        {
          provide: RunService,
          useFactory: (r: Repositories, m: ModelCatalog, c: Clock, b: ModelBuilder, s: SiteSessions, i: InitialModels) =>
            new RunService(r, m, c, b, config.maxParameters, s, i, config.cluster.kind !== 'solo'),
          inject: [Repositories, ModelCatalog, Clock, ModelBuilder, SiteSessions, InitialModels],
        },
        {
          provide: Evaluations,
          useFactory: (r: Repositories, runs: RunService) => new Evaluations(r, runs),
          inject: [Repositories, RunService],
        },
        {
          provide: RunReports,
          useFactory: (r: RunService, l: LineageService, a: AuditLog, c: Clock, e: Evaluations) => new RunReports(r, l, a, c, e),
          inject: [RunService, LineageService, AuditLog, Clock, Evaluations],
        },
        {
          provide: InitialModels,
          useFactory: (r: Repositories, b: BlobStore, m: ModelBuilder, c: Clock) => new InitialModels(r, b, m, c, config.maxParameters),
          inject: [Repositories, BLOB_STORE, ModelBuilder, Clock],
        },
        {
          provide: RoundEngine,
          useFactory: (r: Repositories, m: ModelCatalog, b: BlobStore, s: SiteSessions, c: Clock, a: AuditLog, x: CoordinatorMetrics, k: Cluster) =>
            new RoundEngine(r, m, b, s, c, logger, a, x, k),
          inject: [Repositories, ModelCatalog, BLOB_STORE, SiteSessions, Clock, AuditLog, CoordinatorMetrics, CLUSTER],
        },
        {
          provide: UpdateService,
          useFactory: (r: Repositories, m: ModelCatalog, b: BlobStore, e: RoundEngine, c: Clock, a: AuditLog, x: CoordinatorMetrics) =>
            new UpdateService(r, m, b, e, c, logger, a, x),
          inject: [Repositories, ModelCatalog, BLOB_STORE, RoundEngine, Clock, AuditLog, CoordinatorMetrics],
        },
        {
          provide: SiteGrpcServer,
          useFactory: (s: SiteService, ss: SiteSessions, u: UpdateService, m: ModelCatalog, i: SiteIdentityService, c: Clock, x: CoordinatorMetrics) =>
            new SiteGrpcServer(
              config,
              s,
              ss,
              u,
              new UpdateIntake(u, new PartialUploads(path.join(config.stateDir, 'partial')), c, logger, x),
              m,
              logger,
              i,
              c,
              x,
            ),
          inject: [SiteService, SiteSessions, UpdateService, ModelCatalog, SiteIdentityService, Clock, CoordinatorMetrics],
        },
        {
          provide: CoordinatorLifecycle,
          useFactory: (g: SiteGrpcServer, e: RoundEngine, ds: DataSource, a: AuditLog, b: ModelBuilder, c: Clock, k: Cluster) =>
            new CoordinatorLifecycle(g, e, ds, a, config, b, c, k),
          inject: [SiteGrpcServer, RoundEngine, DataSource, AuditLog, ModelBuilder, Clock, CLUSTER],
        },
      ],
    };
  }
}
