import type { Clock } from '../../../common/clock.js';
import type { CoordinatorConfig } from '../../config/coordinator-config.js';
import type { Repositories } from '../../persistence/repositories/index.js';
import type { ServiceLogger } from '../logger.js';
import type { Cluster } from './cluster.js';
import { PostgresCluster } from './postgres-cluster.js';
import { SoloCluster } from './solo-cluster.js';

/** Injection token of the Cluster the config chose. */
export const CLUSTER = Symbol('CLUSTER');

export function clusterFor(config: CoordinatorConfig, repos: Repositories, clock: Clock, logger: ServiceLogger): Cluster {
  const { cluster } = config;
  if (cluster.kind === 'solo') return new SoloCluster();
  return new PostgresCluster(repos, { databaseUrl: config.databaseUrl!, channel: cluster.channel, leaseSeconds: cluster.leaseSeconds }, clock, logger);
}
