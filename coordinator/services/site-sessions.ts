import { EventEmitter } from 'node:events';

import { Clock } from '../../common/clock.js';
import type { SecAggDownMessage } from '../../common/secure-aggregation/secagg-wire.js';
import type { RunOffer, TaskOrder, TaskProgress } from '../../common/task-order.js';
import type { Cluster, ClusterMessage, SiteDelivery } from './cluster/cluster.js';
import { SoloCluster } from './cluster/solo-cluster.js';

/** The coordinator's end of one site's Connect stream, as the services see it. */
export interface SiteChannel {
  sendTask(order: TaskOrder): void;
  cancelTask(taskId: string, reason: string): void;
  sendOffer(offer: RunOffer): void;
  /** A secure-aggregation message for one of the site's tasks. */
  sendSecAgg(taskId: string, message: SecAggDownMessage): void;
  /** Ends the stream with the reason; PERMISSION_DENIED tells the agent it is no longer welcome. */
  close(reason: string, code?: 'UNAVAILABLE' | 'PERMISSION_DENIED'): void;
}

/** A site is online while some coordinator process holds this lease for its stream. */
const SITE_LEASE = 'site:';

/**
 * Which sites are connected, and the way to reach them. Sites dial out, so
 * a stream is the only way to reach a site: a task for a site that is not
 * connected waits until it reconnects (see RoundEngine's `online` handler).
 * Each stream lives in the process the site reached; a message for a site
 * whose stream another coordinator process holds travels through the
 * cluster, and that process delivers it.
 */
export class SiteSessions {
  private readonly channels = new Map<string, SiteChannel>();
  /** The latest progress of each site (an agent works on one task at a time), so it holds one entry per site at most. */
  private readonly progress = new Map<string, TaskProgress & { at: string }>();
  /** Each site's lease operations, in order (see leaseOp). */
  private readonly leaseOps = new Map<string, Promise<void>>();
  readonly events = new EventEmitter();

  constructor(
    private readonly clock: Clock = new Clock(),
    private readonly cluster: Cluster = new SoloCluster(),
  ) {
    cluster.subscribe((message) => this.receive(message));
    // The site reconnected to another coordinator process, which took its lease: this stream is stale.
    cluster.onLost((name) => {
      const siteId = name.slice(SITE_LEASE.length);
      const channel = name.startsWith(SITE_LEASE) ? this.channels.get(siteId) : undefined;
      if (!channel) return;
      this.channels.delete(siteId);
      this.progress.delete(siteId);
      channel.close('the site has a newer connection to another coordinator process');
      this.events.emit('offline', siteId);
    });
  }

  reportProgress(siteId: string, progress: TaskProgress): void {
    const latest = { ...progress, at: this.clock.iso() };
    this.progress.set(siteId, latest);
    if (this.cluster.shared) void this.cluster.publish({ kind: 'progress', siteId, progress: latest });
  }

  /** The task's live progress, while its site reports on it; a site's report names only its own task. */
  progressOf(siteId: string, taskId: string): (TaskProgress & { at: string }) | null {
    const latest = this.progress.get(siteId);
    return latest?.taskId === taskId ? latest : null;
  }

  /** Takes the site's stream; resolves once every coordinator process counts the site online. */
  async attach(siteId: string, channel: SiteChannel): Promise<void> {
    const previous = this.channels.get(siteId);
    // One stream per site: a reconnecting agent replaces its stale stream here; one on another process closes when that
    // process finds, at its next renewal, that this one took the site's lease (see onLost above).
    if (previous && previous !== channel) previous.close('replaced by a newer connection from the same site');
    this.channels.set(siteId, channel);
    await this.leaseOp(siteId, () => this.cluster.acquire(SITE_LEASE + siteId, true));
    if (this.channels.get(siteId) === channel) this.events.emit('online', siteId);
  }

  detach(siteId: string, channel: SiteChannel): void {
    if (this.channels.get(siteId) === channel) this.forget(siteId);
  }

  /** Sites connected to any coordinator process. */
  online(): Promise<string[]> {
    return this.cluster.live(SITE_LEASE);
  }

  async isOnline(siteId: string): Promise<boolean> {
    return (await this.online()).includes(siteId);
  }

  /** Sites whose stream this process holds. */
  local(): string[] {
    return [...this.channels.keys()].sort();
  }

  send(siteId: string, order: TaskOrder): void {
    this.deliver(siteId, { type: 'task', order });
  }

  /** Ends the site's stream, e.g. when its certificate is revoked. */
  close(siteId: string, reason: string, code: 'UNAVAILABLE' | 'PERMISSION_DENIED' = 'PERMISSION_DENIED'): void {
    this.deliver(siteId, { type: 'close', reason, code });
  }

  offer(siteId: string, offer: RunOffer): void {
    this.deliver(siteId, { type: 'offer', offer });
  }

  /** Secure aggregation runs only on a coordinator of its own (see RunService), so its messages never leave this process. */
  secAgg(siteId: string, taskId: string, message: SecAggDownMessage): boolean {
    const channel = this.channels.get(siteId);
    if (!channel) return false;
    channel.sendSecAgg(taskId, message);
    return true;
  }

  cancel(siteId: string, taskId: string, reason: string): void {
    this.deliver(siteId, { type: 'cancel', taskId, reason });
  }

  closeAll(reason: string): void {
    for (const [siteId, channel] of [...this.channels]) {
      channel.close(reason);
      this.forget(siteId);
    }
  }

  /** Hands the delivery to the site's stream here, or, in a cluster, to whichever process holds it. */
  private deliver(siteId: string, delivery: SiteDelivery): void {
    if (this.apply(siteId, delivery)) return;
    if (this.cluster.shared) void this.cluster.publish({ kind: 'to-site', siteId, delivery });
  }

  private apply(siteId: string, delivery: SiteDelivery): boolean {
    const channel = this.channels.get(siteId);
    if (!channel) return false;
    switch (delivery.type) {
      case 'task':
        channel.sendTask(delivery.order);
        break;
      case 'cancel':
        channel.cancelTask(delivery.taskId, delivery.reason);
        break;
      case 'offer':
        channel.sendOffer(delivery.offer);
        break;
      case 'close':
        this.forget(siteId);
        channel.close(delivery.reason, delivery.code);
        break;
    }
    return true;
  }

  /**
   * Takes and gives up a site's lease in the order its streams came and went: a stream that ends while its lease is
   * being taken must not leave the site "online" with no stream, nor may a stale stream's release drop a newer one's.
   */
  private async leaseOp(siteId: string, op: () => Promise<unknown>): Promise<void> {
    const run = (this.leaseOps.get(siteId) ?? Promise.resolve()).then(op);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.leaseOps.set(siteId, settled);
    try {
      await run;
    } finally {
      if (this.leaseOps.get(siteId) === settled) this.leaseOps.delete(siteId);
    }
  }

  private forget(siteId: string): void {
    this.channels.delete(siteId);
    this.progress.delete(siteId);
    void this.leaseOp(siteId, () => this.cluster.release(SITE_LEASE + siteId)).catch(() => undefined);
    if (this.cluster.shared) void this.cluster.publish({ kind: 'progress', siteId, progress: null });
    this.events.emit('offline', siteId);
  }

  private receive(message: ClusterMessage): void {
    if (message.kind === 'to-site') this.apply(message.siteId, message.delivery);
    else if (message.kind === 'progress' && !this.channels.has(message.siteId)) {
      if (message.progress) this.progress.set(message.siteId, message.progress);
      else this.progress.delete(message.siteId);
    }
  }
}
