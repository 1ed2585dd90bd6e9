import { randomUUID } from 'node:crypto';

import { z } from 'zod';

import type { Clock } from '../../common/clock.js';
import { newEnrolmentToken, parseEnrolmentToken } from '../../common/enrolment-token.js';
import { ConsiliumError } from '../../common/errors.js';
import { sha256Hex } from '../../common/hashing.js';
import { certificateInfo, certificateInfoFromDer, issueSiteCertificate } from '../../common/pki.js';
import type { AuditActor } from '../domain/audit-chain.js';
import type { SiteCertificateEntity } from '../persistence/entities/index.js';
import type { PkiStore } from '../persistence/pki-store.js';
import type { Repositories } from '../persistence/repositories/index.js';
import type { SiteSessions } from './site-sessions.js';

export const enrolmentTokenRequestSchema = z.strictObject({
  /** Hours until the token expires unused. */
  ttlHours: z.number().positive().optional(),
});

export const enrolRequestSchema = z.strictObject({
  token: z.string().min(1, 'token: the enrolment token the administrator gave you'),
  csr: z.string().includes('CERTIFICATE REQUEST', { message: 'csr: a PEM certificate signing request (let `consilium site enroll` make it)' }),
});

export type EnrolmentTokenRequest = z.infer<typeof enrolmentTokenRequestSchema>;
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export interface IssuedCertificate {
  siteId: string;
  certificate: string;
  caCertificate: string;
  serial: string;
  notAfter: string;
}

export interface IdentitySettings {
  siteCertificateDays: number;
  maxEnrolmentTokenHours: number;
}

/**
 * Who a site is: one-time enrolment tokens, certificates issued from the
 * site's CSR (the key never leaves the site), renewal with the current
 * certificate, revocation, and the check every gRPC call makes on the TLS
 * peer's certificate.
 */
export class SiteIdentityService {
  constructor(
    private readonly repos: Repositories,
    private readonly pki: PkiStore,
    private readonly sessions: SiteSessions,
    private readonly clock: Clock,
    private readonly settings: IdentitySettings,
  ) {}

  /** The federation CA certificate: public, and checked by a site against the hash its enrolment token carries. */
  get caCertificatePem(): string {
    return this.pki.caCertificatePem;
  }

  /** The federation CA and the server's key and certificate the gRPC server presents (mutual TLS). */
  async serverTls(host: string, extraNames: string[]): Promise<{ caCertificatePem: string; keyPem: string; certPem: string }> {
    const { keyPem, certPem } = await this.pki.serverIdentity(host, extraNames);
    return { caCertificatePem: this.pki.caCertificatePem, keyPem, certPem };
  }

  /** A token that lets the named site enrol once before it expires; only its hash is kept. */
  async createEnrolmentToken(
    siteId: string,
    request: EnrolmentTokenRequest,
    actor: AuditActor,
  ): Promise<{ siteId: string; token: string; expiresAt: string; caSha256: string }> {
    const ttlHours = request.ttlHours ?? 24;
    if (ttlHours > this.settings.maxEnrolmentTokenHours) {
      throw new ConsiliumError(
        'INVALID_ARGUMENT',
        `ttlHours: at most ${this.settings.maxEnrolmentTokenHours} (maxEnrolmentTokenHours in the coordinator config)`,
        [{ path: 'ttlHours', message: `at most ${this.settings.maxEnrolmentTokenHours}` }],
      );
    }
    if (!(await this.repos.sites.get(siteId))) {
      throw new ConsiliumError('NOT_FOUND', `site ${siteId} is not registered; register it first (consilium federation add-site ${siteId})`);
    }
    const { text, token } = newEnrolmentToken(this.pki.caSha256);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
    const id = randomUUID();
    await this.repos.transaction(async (tx) => {
      await tx.enrolmentTokens.save({
        id,
        siteId,
        tokenSha256: sha256Hex(token.secret),
        createdAt: now.toISOString(),
        createdBy: actor,
        expiresAt,
        usedAt: null,
      });
      await tx.audit.append({ actor, action: 'enrolment-token.created', subjects: { siteId }, payload: { tokenId: id, expiresAt } }, now.toISOString());
    });
    return { siteId, token: text, expiresAt, caSha256: this.pki.caSha256 };
  }

  /** Spends an enrolment token on the site's CSR and returns its first certificate. */
  async enrol(request: EnrolRequest): Promise<IssuedCertificate> {
    const { secret } = parseEnrolmentToken(request.token);
    const token = await this.repos.enrolmentTokens.byHash(sha256Hex(secret));
    const now = this.clock.now();
    if (!token)
      throw new ConsiliumError(
        'UNAUTHENTICATED',
        'enrolment token is not known to this coordinator; ask the administrator for a token (consilium federation token <site-id>)',
      );
    if (token.usedAt) {
      throw new ConsiliumError(
        'UNAUTHENTICATED',
        `enrolment token was already used at ${token.usedAt}; tokens work once: ask the administrator for a new one (consilium federation token ${token.siteId})`,
      );
    }
    if (Date.parse(token.expiresAt) <= now.getTime()) {
      throw new ConsiliumError(
        'UNAUTHENTICATED',
        `enrolment token expired at ${token.expiresAt}; ask the administrator for a new one (consilium federation token ${token.siteId})`,
      );
    }
    const pem = await issueSiteCertificate(this.pki.issuer, request.csr, token.siteId, { days: this.settings.siteCertificateDays, now });
    return this.repos.transaction(async (tx) => {
      if (!(await tx.enrolmentTokens.use(token.id, now.toISOString()))) {
        throw new ConsiliumError(
          'UNAUTHENTICATED',
          `enrolment token was already used; tokens work once: ask the administrator for a new one (consilium federation token ${token.siteId})`,
        );
      }
      // Enrolling again (a new machine, a lost key) retires the site's earlier certificates and lifts a revocation.
      await tx.certificates.revokeAll(token.siteId, now.toISOString());
      await tx.sites.update(token.siteId, { revokedAt: null });
      const issued = await this.record(tx, token.siteId, pem, 'enrolment', now);
      await tx.audit.append(
        {
          actor: `site:${token.siteId}`,
          action: 'site.enrolled',
          subjects: { siteId: token.siteId },
          payload: { tokenId: token.id, serial: issued.serial, notAfter: issued.notAfter },
        },
        now.toISOString(),
      );
      return issued;
    });
  }

  /** A new certificate for a new key, asked for with the current certificate; the old one stays valid until it expires. */
  async renew(siteId: string, csrPem: string): Promise<IssuedCertificate> {
    const now = this.clock.now();
    const pem = await issueSiteCertificate(this.pki.issuer, csrPem, siteId, { days: this.settings.siteCertificateDays, now });
    return this.repos.transaction(async (tx) => {
      const issued = await this.record(tx, siteId, pem, 'renewal', now);
      await tx.audit.append(
        { actor: `site:${siteId}`, action: 'site.certificate-renewed', subjects: { siteId }, payload: { serial: issued.serial, notAfter: issued.notAfter } },
        now.toISOString(),
      );
      return issued;
    });
  }

  private async record(tx: Repositories, siteId: string, pem: string, issuedBy: SiteCertificateEntity['issuedBy'], now: Date): Promise<IssuedCertificate> {
    const info = certificateInfo(pem);
    await tx.certificates.save({
      serial: info.serial,
      siteId,
      sha256: info.sha256,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
      issuedAt: now.toISOString(),
      issuedBy,
      revokedAt: null,
    });
    return { siteId, certificate: pem, caCertificate: this.pki.caCertificatePem, serial: info.serial, notAfter: info.notAfter };
  }

  /** Revokes every certificate of the site and closes its open stream; it needs a new token to come back. */
  async revoke(siteId: string, actor: AuditActor): Promise<{ siteId: string; revokedAt: string; certificates: number }> {
    if (!(await this.repos.sites.get(siteId))) throw new ConsiliumError('NOT_FOUND', `site ${siteId} is not registered`);
    const now = this.clock.iso();
    const certificates = await this.repos.transaction(async (tx) => {
      const count = await tx.certificates.revokeAll(siteId, now);
      await tx.sites.update(siteId, { revokedAt: now });
      await tx.audit.append({ actor, action: 'site.revoked', subjects: { siteId }, payload: { certificates: count } }, now);
      return count;
    });
    this.sessions.close(siteId, `site ${siteId} was revoked by an administrator`);
    return { siteId, revokedAt: now, certificates };
  }

  /**
   * The site a TLS peer certificate speaks for. The TLS layer already checked
   * that the federation CA signed it and that it is in date; this adds that
   * the coordinator issued it and nobody revoked it. Every call runs this, so
   * it looks the certificate up by the hash of its bytes and parses it only
   * to name a certificate it does not know.
   */
  async authenticatePeer(der: Buffer | undefined): Promise<string> {
    if (!der || der.length === 0) throw new ConsiliumError('UNAUTHENTICATED', 'no client certificate: enrol this site first (consilium site enroll --token …)');
    const certificate = await this.repos.certificates.bySha256(sha256Hex(der));
    if (!certificate) {
      const info = certificateInfoFromDer(der);
      throw new ConsiliumError(
        'UNAUTHENTICATED',
        `certificate ${info.serial} (CN=${info.commonName}) was not issued by this coordinator's enrolment; enrol the site again`,
      );
    }
    if (certificate.revokedAt) {
      throw new ConsiliumError(
        'PERMISSION_DENIED',
        `certificate ${certificate.serial} of site ${certificate.siteId} was revoked at ${certificate.revokedAt}; the site must enrol again with a new token`,
      );
    }
    if (Date.parse(certificate.notAfter) <= this.clock.now().getTime()) {
      throw new ConsiliumError(
        'UNAUTHENTICATED',
        `certificate ${certificate.serial} of site ${certificate.siteId} expired at ${certificate.notAfter}; enrol the site again`,
      );
    }
    return certificate.siteId;
  }
}
