import { Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import path from 'node:path';
import { DataSource } from 'typeorm';
import type { CoordinatorConfig } from './config/coordinator-config.js';
import { SiteGrpcServer } from './edges/grpc/site-grpc.server.js';
import { HealthController } from './edges/http/health.controller.js';
import { RunsController } from './edges/http/runs.controller.js';
import { SitesController } from './edges/http/sites.controller.js';
import { FsBlobStore } from './persistence/blob-store.js';
import { openDataSource } from './persistence/data-source.js';
import { Repositories } from './persistence/repositories/index.js';
import { Clock } from './services/clock.js';
import { ModelCatalog } from './services/model-catalog.js';
import { RoundEngine } from './services/round-engine.js';
import { RunService } from './services/run.service.js';
import { SiteSessions } from './services/site-sessions.js';
import { SiteService } from './services/site.service.js';
import { UpdateService } from './services/update.service.js';

export const COORDINATOR_CONFIG = Symbol('COORDINATOR_CONFIG');

/** Starts the gRPC data plane and resumes unfinished runs once Nest is up; stops both on shutdown. */
class CoordinatorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    private readonly grpc: SiteGrpcServer,
    private readonly engine: RoundEngine,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.grpc.start();
    await this.engine.resume();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.engine.stop();
    await this.grpc.stop();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Wires the framework-free services into Nest. Services are built by
 * factories, so none of them imports Nest; only the edges do.
 */
@Module({})
export class CoordinatorModule {
  static forRoot(config: CoordinatorConfig): DynamicModule {
    const logger = new Logger('consilium');
    return {
      module: CoordinatorModule,
      controllers: [RunsController, SitesController, HealthController],
      providers: [
        { provide: COORDINATOR_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: () => openDataSource({ url: config.databaseUrl, sqlitePath: path.join(config.stateDir, 'coordinator.sqlite') }),
        },
        { provide: Repositories, useFactory: (ds: DataSource) => new Repositories(ds), inject: [DataSource] },
        { provide: FsBlobStore, useFactory: () => new FsBlobStore(path.join(config.stateDir, 'blobs')) },
        { provide: Clock, useValue: new Clock() },
        { provide: SiteSessions, useValue: new SiteSessions() },
        { provide: ModelCatalog, useFactory: (r: Repositories, b: FsBlobStore, c: Clock) => new ModelCatalog(r, b, c), inject: [Repositories, FsBlobStore, Clock] },
        { provide: SiteService, useFactory: (r: Repositories, s: SiteSessions, c: Clock) => new SiteService(r, s, c), inject: [Repositories, SiteSessions, Clock] },
        { provide: RunService, useFactory: (r: Repositories, m: ModelCatalog, c: Clock) => new RunService(r, m, c), inject: [Repositories, ModelCatalog, Clock] },
        {
          provide: RoundEngine,
          useFactory: (r: Repositories, m: ModelCatalog, b: FsBlobStore, s: SiteSessions, c: Clock) => new RoundEngine(r, m, b, s, c, logger),
          inject: [Repositories, ModelCatalog, FsBlobStore, SiteSessions, Clock],
        },
        {
          provide: UpdateService,
          useFactory: (r: Repositories, m: ModelCatalog, b: FsBlobStore, e: RoundEngine, c: Clock) => new UpdateService(r, m, b, e, c, logger),
          inject: [Repositories, ModelCatalog, FsBlobStore, RoundEngine, Clock],
        },
        {
          provide: SiteGrpcServer,
          useFactory: (s: SiteService, ss: SiteSessions, u: UpdateService, m: ModelCatalog, b: FsBlobStore) => new SiteGrpcServer(config, s, ss, u, m, b, logger),
          inject: [SiteService, SiteSessions, UpdateService, ModelCatalog, FsBlobStore],
        },
        {
          provide: CoordinatorLifecycle,
          useFactory: (g: SiteGrpcServer, e: RoundEngine, ds: DataSource) => new CoordinatorLifecycle(g, e, ds),
          inject: [SiteGrpcServer, RoundEngine, DataSource],
        },
      ],
    };
  }
}
