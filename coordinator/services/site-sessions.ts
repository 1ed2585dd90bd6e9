import { EventEmitter } from 'node:events';

import { Clock } from '../../common/clock.js';
import type { SecAggDownMessage } from '../../common/secure-aggregation/secagg-wire.js';
import type { RunOffer, TaskOrder, TaskProgress } from '../../common/task-order.js';

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

/**
 * Which sites are connected right now. Sites dial out, so this map is the
 * only way to reach them: a task for a site that is not here waits until the
 * site reconnects (see RoundEngine.onSiteOnline).
 */
export class SiteSessions {
  private readonly channels = new Map<string, SiteChannel>();
  /** The latest progress of each site (an agent works on one task at a time), so it holds one entry per site at most. */
  private readonly progress = new Map<string, TaskProgress & { at: string }>();
  readonly events = new EventEmitter();

  constructor(private readonly clock: Clock = new Clock()) {}

  reportProgress(siteId: string, progress: TaskProgress): void {
    this.progress.set(siteId, { ...progress, at: this.clock.iso() });
  }

  /** The task's live progress, while its site reports on it; a site's report names only its own task. */
  progressOf(siteId: string, taskId: string): (TaskProgress & { at: string }) | null {
    const latest = this.progress.get(siteId);
    return latest?.taskId === taskId ? latest : null;
  }

  attach(siteId: string, channel: SiteChannel): void {
    const previous = this.channels.get(siteId);
    // One stream per site: a reconnecting agent replaces its stale stream.
    if (previous && previous !== channel) previous.close('replaced by a newer connection from the same site');
    this.channels.set(siteId, channel);
    this.events.emit('online', siteId);
  }

  detach(siteId: string, channel: SiteChannel): void {
    if (this.channels.get(siteId) === channel) {
      this.channels.delete(siteId);
      this.progress.delete(siteId);
      this.events.emit('offline', siteId);
    }
  }

  isOnline(siteId: string): boolean {
    return this.channels.has(siteId);
  }

  online(): string[] {
    return [...this.channels.keys()].sort();
  }

  send(siteId: string, order: TaskOrder): boolean {
    const channel = this.channels.get(siteId);
    if (!channel) return false;
    channel.sendTask(order);
    return true;
  }

  /** Ends the site's stream, e.g. when its certificate is revoked. */
  close(siteId: string, reason: string, code: 'UNAVAILABLE' | 'PERMISSION_DENIED' = 'PERMISSION_DENIED'): void {
    const channel = this.channels.get(siteId);
    if (!channel) return;
    this.channels.delete(siteId);
    channel.close(reason, code);
    this.events.emit('offline', siteId);
  }

  offer(siteId: string, offer: RunOffer): boolean {
    const channel = this.channels.get(siteId);
    if (!channel) return false;
    channel.sendOffer(offer);
    return true;
  }

  secAgg(siteId: string, taskId: string, message: SecAggDownMessage): boolean {
    const channel = this.channels.get(siteId);
    if (!channel) return false;
    channel.sendSecAgg(taskId, message);
    return true;
  }

  cancel(siteId: string, taskId: string, reason: string): void {
    this.channels.get(siteId)?.cancelTask(taskId, reason);
  }

  closeAll(reason: string): void {
    for (const channel of this.channels.values()) channel.close(reason);
    this.channels.clear();
  }
}
