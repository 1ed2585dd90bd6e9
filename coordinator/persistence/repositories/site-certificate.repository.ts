import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { SiteCertificateEntity } from '../entities/site-certificate.entity.js';

export class SiteCertificateRepository {
  private readonly repo: Repository<SiteCertificateEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(SiteCertificateEntity);
  }

  save(certificate: SiteCertificateEntity): Promise<SiteCertificateEntity> {
    return this.repo.save(certificate);
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
    const result = await this.repo.update({ siteId, revokedAt: IsNull() }, { revokedAt: at });
    return result.affected ?? 0;
  }
}
