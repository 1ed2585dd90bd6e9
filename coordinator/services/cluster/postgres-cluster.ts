import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

import pg from 'pg';

import type { Cancel, Clock } from '../../../common/clock.js';
import { describeError } from '../../../common/errors.js';
import type { Repositories } from '../../persistence/repositories/index.js';
import type { ServiceLogger } from '../logger.js';
import type { Cluster, ClusterMessage } from './cluster.js';

/** PostgreSQL drops a notification whose payload reaches 8000 bytes; longer messages go through coordinator_messages. */
const MAX_PAYLOAD_BYTES = 7_900;
/** Long messages are kept this long for processes that read them late, then pruned. */
const MESSAGE_RETENTION_MS = 10 * 60_000;
const RECONNECT_MAX_MS = 10_000;

export interface PostgresClusterOptions {
  databaseUrl: string;
  /** The LISTEN/NOTIFY channel; federations sharing one database each need their own. */
  channel: string;
  leaseSeconds: number;
}

/**
 * Coordinator processes sharing one PostgreSQL database. Leases are rows
 * renewed every third of their lifetime, so a process that dies (kill -9,
 * a lost node) frees its runs and sites one lease later, and one that only
 * stalls finds at its next renewal that it lost them. Messages go out with
 * NOTIFY and come in on one LISTEN connection of this process's own; when
 * that connection is lost, the process reconnects with backoff and tells its
 * subscribers to resync, since notifications sent meanwhile are gone.
 */
export class PostgresCluster implements Cluster {
  readonly nodeId = `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`;
  readonly shared = true;
  private readonly held = new Set<string>();
  private readonly handlers: ((message: ClusterMessage) => void)[] = [];
  private readonly lostHandlers: ((name: string) => void)[] = [];
  private listener: pg.Client | null = null;
  private stopRenewing: Cancel | null = null;
  private reconnectDelayMs = 250;
  private closed = false;

  constructor(
    private readonly repos: Repositories,
    private readonly options: PostgresClusterOptions,
    private readonly clock: Clock,
    private readonly logger: ServiceLogger,
  ) {}

  get leaseMs(): number {
    return this.options.leaseSeconds * 1000;
  }

  private times(): { now: string; until: string } {
    const now = this.clock.now().getTime();
    return { now: new Date(now).toISOString(), until: new Date(now + this.leaseMs).toISOString() };
  }

  async acquire(name: string, force = false): Promise<boolean> {
    const { now, until } = this.times();
    const taken = await this.repos.leases.acquire(name, this.nodeId, now, until, force);
    if (taken) this.held.add(name);
    return taken;
  }

  async release(name: string): Promise<void> {
    this.held.delete(name);
    await this.repos.leases.release(name, this.nodeId);
  }

  holds(tx: Repositories, name: string): Promise<boolean> {
    return tx.leases.holds(name, this.nodeId, this.times().now);
  }

  live(prefix: string): Promise<string[]> {
    return this.repos.leases.live(prefix, this.times().now);
  }

  async publish(message: ClusterMessage): Promise<void> {
    try {
      let payload = JSON.stringify(message);
      if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) {
        const id = randomUUID();
        await this.repos.clusterMessages.put(id, payload, this.clock.iso());
        payload = JSON.stringify({ ref: id });
      }
      await this.repos.leases.notify(this.options.channel, payload);
    } catch (error) {
      this.logger.error(`telling the other coordinator processes (${message.kind}): ${describeError(error)}`);
    }
  }

  subscribe(handler: (message: ClusterMessage) => void): void {
    this.handlers.push(handler);
  }

  onLost(handler: (name: string) => void): void {
    this.lostHandlers.push(handler);
  }

  async start(): Promise<void> {
    await this.listen();
    this.stopRenewing = this.clock.every(this.leaseMs / 3, () => void this.renew());
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopRenewing?.();
    const held = [...this.held];
    this.held.clear();
    await Promise.allSettled(held.map((name) => this.repos.leases.release(name, this.nodeId)));
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Extends this process's leases; those it no longer holds are reported lost. Old long messages are pruned on the way. */
  private async renew(): Promise<void> {
    try {
      const { now, until } = this.times();
      const kept = new Set(await this.repos.leases.renew(this.nodeId, now, until));
      for (const name of [...this.held]) {
        if (kept.has(name) || !this.held.has(name)) continue;
        this.held.delete(name);
        this.logger.warn(`lost the lease ${name} (not renewed in time); another coordinator process may take it over`);
        for (const handler of this.lostHandlers) handler(name);
      }
      await this.repos.clusterMessages.prune(new Date(this.clock.now().getTime() - MESSAGE_RETENTION_MS).toISOString());
    } catch (error) {
      this.logger.warn(`renewing the coordinator's leases: ${describeError(error)}`);
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', (n) => void this.receive(n.payload ?? ''));
    client.on('error', (error) => this.reconnect(client, error));
    client.on('end', () => this.reconnect(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN "${this.options.channel}"`);
    this.listener = client;
    this.reconnectDelayMs = 250;
  }

  private reconnect(client: pg.Client, error: unknown): void {
    if (this.closed || this.listener !== client) return;
    this.listener = null;
    void client.end().catch(() => undefined);
    this.logger.warn(`the coordinator's LISTEN connection was lost (${describeError(error)}); reconnecting`);
    const retry = (): void => {
      if (this.closed) return;
      this.listen().then(
        () => this.deliver({ kind: 'resync' }),
        (failure: unknown) => {
          this.logger.warn(`reconnecting the LISTEN connection: ${describeError(failure)}`);
          this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
          this.clock.after(this.reconnectDelayMs, retry);
        },
      );
    };
    this.clock.after(this.reconnectDelayMs, retry);
  }

  private async receive(payload: string): Promise<void> {
    try {
      let parsed = JSON.parse(payload) as ClusterMessage | { ref: string };
      if ('ref' in parsed) {
        const body = await this.repos.clusterMessages.body(parsed.ref);
        if (body === null) throw new Error(`message ${parsed.ref} is gone`);
        parsed = JSON.parse(body) as ClusterMessage;
      }
      this.deliver(parsed);
    } catch (error) {
      this.logger.error(`a message from another coordinator process could not be read (${describeError(error)}); looking at everything again`);
      this.deliver({ kind: 'resync' });
    }
  }

  private deliver(message: ClusterMessage): void {
    for (const handler of this.handlers) handler(message);
  }
}
