import 'reflect-metadata';

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';

import { Clock } from '../common/clock.js';
import { ConsiliumError, describeError } from '../common/errors.js';
import { createLog } from '../common/log.js';
import { builtFile } from '../common/worker-script.js';
import type { CoordinatorConfig } from './config/coordinator-config.js';
import { CoordinatorModule } from './coordinator.module.js';
import { SiteGrpcServer } from './edges/grpc/site-grpc.server.js';
import { ErrorFilter } from './edges/http/error.filter.js';
import { NestLog } from './nest-log.js';
import { PkiStore } from './persistence/pki-store.js';
import { serviceLogger } from './services/logger.js';
import { SiteService } from './services/site.service.js';

export interface RunningCoordinator {
  /** http:// or https:// */
  httpUrl: string;
  /** The federation CA certificate (PEM): sites and HTTPS clients trust it. */
  caCertificatePem: string;
  grpcAddress: string;
  httpPort: number;
  grpcPort: number;
  sites: SiteService;
  close(): Promise<void>;
}

export const YAML_CONTENT_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain'];

/**
 * Boots the coordinator: REST on httpPort, gRPC on grpcPort (0 picks free ports). `quiet` logs warnings and errors
 * only; `log` replaces the default logger (JSON lines on stdout, text on a terminal), as tests do to read the lines.
 */
export async function startCoordinator(config: CoordinatorConfig, options: { quiet?: boolean; clock?: Clock; log?: Logger } = {}): Promise<RunningCoordinator> {
  const clock = options.clock ?? new Clock();
  const log = options.log ?? createLog('coordinator', { clock, level: options.quiet ? 'warn' : 'info' });
  // Before Nest starts: a coordinator without a CA cannot serve mutual TLS, and says how to make one.
  const pki = PkiStore.load(config.stateDir);
  const app = await NestFactory.create<NestExpressApplication>(CoordinatorModule.forRoot(config, pki, clock, log), {
    bodyParser: false,
    ...(config.https ? { httpsOptions: await httpsOptions(config, pki) } : {}),
    logger: new NestLog(log),
  });
  app.useBodyParser('json', { limit: config.maxBodyBytes });
  app.useBodyParser('text', { type: YAML_CONTENT_TYPES, limit: config.maxBodyBytes });
  app.useGlobalFilters(new ErrorFilter(serviceLogger(log)));
  // Swagger UI's files for /api/docs, from the installed package: the page works offline.
  app.useStaticAssets(path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')), { prefix: '/api/docs/', index: false });
  // The web console at /, as `npm run build` made it.
  const consoleFiles = consoleDir();
  if (consoleFiles) app.useStaticAssets(consoleFiles, { index: 'index.html' });
  else log.warn('the web console is not built (npm run build makes dist/console); the REST API runs without it');
  await app.listen(config.httpPort, config.host);
  const httpPort = (app.getHttpServer().address() as AddressInfo).port;
  const grpcPort = app.get(SiteGrpcServer).port;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  return {
    httpUrl: `${config.https ? 'https' : 'http'}://${host}:${httpPort}`,
    caCertificatePem: pki.caCertificatePem,
    grpcAddress: `${host}:${grpcPort}`,
    httpPort,
    grpcPort,
    sites: app.get(SiteService),
    close: () => app.close(),
  };
}

/** The built console, dist/console (beside dist/coordinator, or under dist/ when the TypeScript runs in tests); null before a build. */
function consoleDir(): string | null {
  const index = fileURLToPath(builtFile(import.meta.url, '../console/index.html'));
  return existsSync(index) ? path.dirname(index) : null;
}

/** The organisation's certificate when configured, else the federation CA's server certificate (clients trust ca.cert.pem). */
async function httpsOptions(config: CoordinatorConfig, pki: PkiStore): Promise<{ key: string; cert: string }> {
  if (config.httpsCertFile && config.httpsKeyFile) {
    try {
      return { key: readFileSync(config.httpsKeyFile, 'utf8'), cert: readFileSync(config.httpsCertFile, 'utf8') };
    } catch (error) {
      throw new ConsiliumError('INVALID_ARGUMENT', `httpsCertFile / httpsKeyFile: ${describeError(error)}`);
    }
  }
  const tls = await pki.serverIdentity(config.host, config.serverNames);
  return { key: tls.keyPem, cert: tls.certPem };
}
