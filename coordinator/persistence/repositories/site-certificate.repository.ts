import { type EntityManager, IsNull } from 'typeorm';

import { SiteCertificateEntity } from '../entities/site-certificate.entity.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

export class SiteCertificateRepository extends EntityRepository<SiteCertificateEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, SiteCertificateEntity, transactions);
  }

  save(certificate: SiteCertificateEntity): Promise<SiteCertificateEntity> {
    return this.write((r) => r.save(certificate));
  }

  bySha256(sha256: string): Promise<SiteCertificateEntity | null> {
    return this.repo.findOneBy({ sha256 });
  }

  /** The site's newest certificate that is not revoked. */
  current(siteId: string): Promise<SiteCertificateEntity | null> {
    return this.repo.findOne({ where: { siteId, revokedAt: IsNull() }, order: { notAfter: 'DESC', issuedAt: 'DESC' } });
  }

  /** Revokes every certificate of the site not yet revoked; returns how many. */
  async revokeAll(siteId: string, at: string): Promise<number> {
    const result = await this.write((r) => r.update({ siteId, revokedAt: IsNull() }, { revokedAt: at }));
    return result.affected ?? 0;
  }
}
