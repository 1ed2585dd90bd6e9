import { z } from 'zod';
import { ConsiliumError } from '../../common/errors.js';
import type { SiteHello } from '../../common/task-order.js';
import { randomUUID } from 'node:crypto';
import type { DataProfileEntity, SiteEntity } from '../persistence/entities/index.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { Clock } from './clock.js';
import type { SiteSessions } from './site-sessions.js';

export const siteIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'site ids use lower-case letters, digits, ".", "_" and "-" (e.g. "hospital-a")');

export const enrolSiteSchema = z.strictObject({
  id: siteIdSchema,
  name: z.string().min(1).max(256).optional(),
});

export interface SiteView extends SiteEntity {
  online: boolean;
}

export class SiteService {
  constructor(
    private readonly repos: Repositories,
    private readonly sessions: SiteSessions,
    private readonly clock: Clock,
  ) {}

  /** Registers a site so that it may connect. Enrolment with certificates replaces this (issue 8). */
  async enrol(input: unknown): Promise<SiteEntity> {
    const parsed = enrolSiteSchema.safeParse(input);
    if (!parsed.success) throw ConsiliumError.fromZod('site', parsed.error);
    if (await this.repos.sites.get(parsed.data.id)) {
      throw new ConsiliumError('ALREADY_EXISTS', `site ${parsed.data.id} is already enrolled`);
    }
    const { id, name } = parsed.data;
    return this.repos.transaction(async (tx) => {
      const site = await tx.sites.create({ id, name: name ?? id, enrolledAt: this.clock.iso() });
      await tx.audit.append({ actor: 'user:anonymous', action: 'site.enrolled', subjects: { siteId: id }, payload: { name: site.name } }, this.clock.iso());
      return site;
    });
  }

  /** Refuses sites the coordinator does not know, with the fix in the message. */
  async requireEnrolled(siteId: string): Promise<SiteEntity> {
    const site = await this.repos.sites.get(siteId);
    if (!site) {
      throw new ConsiliumError(
        'PERMISSION_DENIED',
        `site "${siteId}" is not enrolled at this coordinator; an administrator must enrol it first (consilium site enrol ${siteId})`,
      );
    }
    return site;
  }

  /** Records the hello and, when it carries one, the site's data profile for this dataset version. */
  async recordHello(hello: SiteHello): Promise<void> {
    await this.requireEnrolled(hello.siteId);
    const now = this.clock.iso();
    const siteId = hello.siteId;
    await this.repos.transaction(async (tx) => {
      await tx.sites.update(siteId, { lastSeenAt: now, agentVersion: hello.agentVersion, backend: hello.backend, dataset: hello.dataset });
      await tx.audit.append(
        { actor: `site:${siteId}`, action: 'site.connected', subjects: { siteId }, payload: { agentVersion: hello.agentVersion, backend: hello.backend.name, datasetFingerprint: hello.dataset.fingerprint } },
        now,
      );
      const { profile } = hello;
      if (profile && (await tx.profiles.record({ id: randomUUID(), siteId, fingerprint: profile.fingerprint, datasetKind: profile.datasetKind, profile, receivedAt: now, lastSeenAt: now }))) {
        await tx.audit.append({ actor: `site:${siteId}`, action: 'data-profile.received', subjects: { siteId }, payload: { fingerprint: profile.fingerprint, datasetKind: profile.datasetKind, samples: profile.samples } }, now);
      }
    });
  }

  /** Every dataset version the site has reported, newest first. */
  async profiles(siteId: string): Promise<DataProfileEntity[]> {
    await this.requireEnrolled(siteId);
    return this.repos.profiles.forSite(siteId);
  }

  /** The connection ended (agent stopped, network lost); the site's tasks stay open until their round's deadline. */
  async recordDisconnect(siteId: string): Promise<void> {
    await this.repos.audit.append({ actor: `site:${siteId}`, action: 'site.disconnected', subjects: { siteId }, payload: {} }, this.clock.iso());
  }

  async touch(siteId: string): Promise<void> {
    await this.repos.sites.update(siteId, { lastSeenAt: this.clock.iso() });
  }

  async list(): Promise<SiteView[]> {
    const sites = await this.repos.sites.list();
    return sites.map((site) => ({ ...site, online: this.sessions.isOnline(site.id) }));
  }
}
