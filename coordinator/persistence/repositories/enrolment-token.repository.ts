import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { EnrolmentTokenEntity } from '../entities/enrolment-token.entity.js';

export class EnrolmentTokenRepository {
  private readonly repo: Repository<EnrolmentTokenEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(EnrolmentTokenEntity);
  }

  save(token: EnrolmentTokenEntity): Promise<EnrolmentTokenEntity> {
    return this.repo.save(token);
  }

  byHash(tokenSha256: string): Promise<EnrolmentTokenEntity | null> {
    return this.repo.findOneBy({ tokenSha256 });
  }

  /** Marks the token used; false when another enrolment used it first (the check and the use are one statement). */
  async use(id: string, at: string): Promise<boolean> {
    const result = await this.repo.update({ id, usedAt: IsNull() }, { usedAt: at });
    return (result.affected ?? 0) === 1;
  }
}
