import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { CoordinatorConfig } from './config/coordinator-config.js';
import { CoordinatorModule } from './coordinator.module.js';
import { SiteGrpcServer } from './edges/grpc/site-grpc.server.js';
import { ErrorFilter } from './edges/http/error.filter.js';
import { SiteService } from './services/site.service.js';

export interface RunningCoordinator {
  httpUrl: string;
  grpcAddress: string;
  httpPort: number;
  grpcPort: number;
  sites: SiteService;
  close(): Promise<void>;
}

export const YAML_CONTENT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/** Boots the coordinator: REST on httpPort, gRPC on grpcPort (0 picks free ports). */
export async function startCoordinator(config: CoordinatorConfig, options: { quiet?: boolean } = {}): Promise<RunningCoordinator> {
  const app = await NestFactory.create<NestExpressApplication>(CoordinatorModule.forRoot(config), {
    bodyParser: false,
    logger: options.quiet ? ['error', 'warn'] : ['log', 'error', 'warn'],
  });
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.useBodyParser('text', { type: YAML_CONTENT_TYPES, limit: config.maxBodyBytes });
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  await app.listen(config.httpPort, config.host);
  const httpPort = (app.getHttpServer().address() as AddressInfo).port;
  const grpcPort = app.get(SiteGrpcServer).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    httpUrl: `http://${host}:${httpPort}`,
    grpcAddress: `${host}:${grpcPort}`,
    httpPort,
    grpcPort,
    sites: app.get(SiteService),
    close: () => app.close(),
  };
}
