import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { Clock } from '../../common/clock.js';
import { ConsiliumError } from '../../common/errors.js';
import { canonicalJson } from '../../common/hashing.js';
import type { SiteConsent, SiteHello } from '../../common/task-order.js';
import type { AuditActor } from '../domain/audit-chain.js';
import type { DataProfileEntity, SiteEntity } from '../persistence/entities/index.js';
import type { Repositories } from '../persistence/repositories/index.js';
import { sharedLabelMap } from './shared-label-map.js';
import type { SiteSessions } from './site-sessions.js';

export const siteIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'site ids use lower-case letters, digits, ".", "_" and "-" (e.g. "hospital-a")');

export const enrolSiteSchema = z.strictObject({
  id: siteIdSchema,
  name: z.string().min(1).max(256).optional(),
});

export interface SiteView extends SiteEntity {
  online: boolean;
  /** The newest live certificate: serial, expiry, whole days left. */
  certificate: { serial: string; notAfter: string; daysLeft: number } | null;
}

export type SiteRegistration = z.infer<typeof enrolSiteSchema>;

export class SiteService {
  constructor(
    private readonly repos: Repositories,
    private readonly sessions: SiteSessions,
    private readonly clock: Clock,
  ) {}

  /** Registers a site by id; it can connect once it has enrolled with a token for it (SiteIdentityService). */
  async register(request: SiteRegistration, actor: AuditActor): Promise<SiteEntity> {
    const { id, name } = request;
    if (await this.repos.sites.get(id)) {
      throw new ConsiliumError('ALREADY_EXISTS', `site ${id} is already registered; give it a new enrolment token instead (consilium federation token ${id})`);
    }
    return this.repos.transaction(async (tx) => {
      const site = await tx.sites.create({ id, name: name ?? id, enrolledAt: this.clock.iso() });
      await tx.audit.append({ actor, action: 'site.registered', subjects: { siteId: id }, payload: { name: site.name } }, this.clock.iso());
      return site;
    });
  }

  /** Refuses sites the coordinator does not know, with the fix in the message. */
  async requireEnrolled(siteId: string): Promise<SiteEntity> {
    const site = await this.repos.sites.get(siteId);
    if (!site) {
      throw new ConsiliumError('NOT_FOUND', `site "${siteId}" is not registered at this coordinator (consilium federation add-site ${siteId})`);
    }
    return site;
  }

  /**
   * Records what the site said about an offered run. Only runs that may use
   * the site count, and only the spec hash the run has: a consent to any
   * other spec is refused with the reason.
   */
  async recordConsent(siteId: string, consent: SiteConsent): Promise<void> {
    const run = await this.repos.runs.get(consent.runId);
    if (!run) throw new ConsiliumError('NOT_FOUND', `consent names run ${consent.runId}, which does not exist`);
    if (run.spec.sites && !run.spec.sites.includes(siteId)) throw new ConsiliumError('PERMISSION_DENIED', `run ${run.id} does not list site ${siteId}`);
    if (consent.specSha256 !== run.specSha256) {
      throw new ConsiliumError('INVALID_ARGUMENT', `consent for run ${run.id} names spec ${consent.specSha256}, but the run's spec is ${run.specSha256}`);
    }
    const now = this.clock.iso();
    const reason = consent.reason === '' ? null : consent.reason;
    const changed = await this.repos.transaction(async (tx) => {
      if (!(await tx.consents.record({ runId: run.id, siteId, specSha256: consent.specSha256, state: consent.state, reason, updatedAt: now }))) return false;
      await tx.audit.append(
        {
          actor: `site:${siteId}`,
          action: 'site.consent',
          subjects: { runId: run.id, siteId },
          payload: { specSha256: consent.specSha256, state: consent.state, reason },
        },
        now,
      );
      return true;
    });
    if (changed) this.sessions.events.emit('consent', run.id, siteId);
  }

  /** Records the hello and, when it carries one, the site's data profile for this dataset version. */
  async recordHello(hello: SiteHello): Promise<void> {
    await this.requireEnrolled(hello.siteId);
    const now = this.clock.iso();
    const siteId = hello.siteId;
    const shared = hello.profile?.vocabulary?.labelMap ?? null;
    const previous = await sharedLabelMap(this.repos.audit, siteId);
    await this.repos.transaction(async (tx) => {
      // The mapping matrix is audited: a map shared, changed or withdrawn is an event, with what it replaced.
      if ((shared || previous?.labelMap) && canonicalJson(shared) !== canonicalJson(previous?.labelMap ?? null)) {
        await tx.audit.append(
          { actor: `site:${siteId}`, action: 'site.label-map', subjects: { siteId }, payload: { labelMap: shared, previous: previous?.labelMap ?? null } },
          now,
        );
      }
      await tx.sites.update(siteId, { lastSeenAt: now, agentVersion: hello.agentVersion, backend: hello.backend, dataset: hello.dataset });
      await tx.audit.append(
        {
          actor: `site:${siteId}`,
          action: 'site.connected',
          subjects: { siteId },
          payload: { agentVersion: hello.agentVersion, backend: hello.backend.name, datasetFingerprint: hello.dataset.fingerprint },
        },
        now,
      );
      const { profile } = hello;
      if (
        profile &&
        (await tx.profiles.record({
          id: randomUUID(),
          siteId,
          fingerprint: profile.fingerprint,
          datasetKind: profile.datasetKind,
          profile,
          receivedAt: now,
          lastSeenAt: now,
        }))
      ) {
        await tx.audit.append(
          {
            actor: `site:${siteId}`,
            action: 'data-profile.received',
            subjects: { siteId },
            payload: {
              fingerprint: profile.fingerprint,
              datasetKind: profile.datasetKind,
              samples: profile.samples,
              // The audit says which dataset versions hold labels a model helped make, and which model.
              ...(profile.annotation ? { labelSources: profile.annotation.sources, assistedBy: profile.annotation.assistedBy } : {}),
            },
          },
          now,
        );
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
    const online = new Set(await this.sessions.online());
    const now = this.clock.now().getTime();
    return Promise.all(
      sites.map(async (site) => {
        const current = site.revokedAt ? null : await this.repos.certificates.current(site.id);
        const certificate = current
          ? { serial: current.serial, notAfter: current.notAfter, daysLeft: Math.floor((Date.parse(current.notAfter) - now) / 86_400_000) }
          : null;
        return { ...site, online: online.has(site.id), certificate };
      }),
    );
  }
}
