import type { RunOffer, TaskOrder, TaskProgress } from '../../../common/task-order.js';
import type { Repositories } from '../../persistence/repositories/index.js';

/** What one process asks of the process holding a site's stream. */
export type SiteDelivery =
  | { type: 'task'; order: TaskOrder }
  | { type: 'cancel'; taskId: string; reason: string }
  | { type: 'offer'; offer: RunOffer }
  | { type: 'close'; reason: string; code: 'UNAVAILABLE' | 'PERMISSION_DENIED' };

/**
 * What coordinator processes tell each other. Each says "look again" or
 * carries what only memory holds (a delivery for a stream, live progress);
 * the state itself is always read from the database.
 */
export type ClusterMessage =
  /** Wakes the drivers waiting on `signal` (a round id, or `sites`). */
  | { kind: 'signal'; signal: string }
  | { kind: 'to-site'; siteId: string; delivery: SiteDelivery }
  /** A site's latest progress, or null when its stream ended, for every process's REST answers. */
  | { kind: 'progress'; siteId: string; progress: (TaskProgress & { at: string }) | null }
  /** This process may have missed messages (its listening connection was lost and is back): look at everything again. */
  | { kind: 'resync' };

/**
 * The coordinator processes sharing one federation: leases (who drives a
 * run, who holds a site's stream) and messages between the processes.
 * `SoloCluster` is one process on its own; `PostgresCluster` is any number
 * sharing one PostgreSQL database.
 */
export interface Cluster {
  /** This process's name in leases and logs. */
  readonly nodeId: string;
  /** True when other processes may exist: messages then travel through the database. */
  readonly shared: boolean;
  /** How long a lease lasts unless renewed (0 for a process on its own). */
  readonly leaseMs: number;
  /** Takes (or renews) the lease; true when this process holds it. */
  acquire(name: string, force?: boolean): Promise<boolean>;
  release(name: string): Promise<void>;
  /** Inside `tx`: whether this process still holds the lease, locked until `tx` commits (the fence of a driver's writes). */
  holds(tx: Repositories, name: string): Promise<boolean>;
  /** The names after `prefix` of the leases held by any process. */
  live(prefix: string): Promise<string[]>;
  /** Sends to every process, this one included; never rejects (a failure is logged). */
  publish(message: ClusterMessage): Promise<void>;
  subscribe(handler: (message: ClusterMessage) => void): void;
  /** Called with each lease this process held and lost (it failed to renew in time). */
  onLost(handler: (name: string) => void): void;
  /** Starts renewing and listening. */
  start(): Promise<void>;
  /** Gives up every lease this process holds and stops listening. */
  close(): Promise<void>;
}
