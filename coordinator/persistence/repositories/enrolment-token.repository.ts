import { type EntityManager, IsNull } from 'typeorm';

import { EnrolmentTokenEntity } from '../entities/enrolment-token.entity.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

export class EnrolmentTokenRepository extends EntityRepository<EnrolmentTokenEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, EnrolmentTokenEntity, transactions);
  }

  save(token: EnrolmentTokenEntity): Promise<EnrolmentTokenEntity> {
    return this.write((r) => r.save(token));
  }

  byHash(tokenSha256: string): Promise<EnrolmentTokenEntity | null> {
    return this.repo.findOneBy({ tokenSha256 });
  }

  /** Marks the token used; false when another enrolment used it first (the check and the use are one statement). */
  async use(id: string, at: string): Promise<boolean> {
    const result = await this.write((r) => r.update({ id, usedAt: IsNull() }, { usedAt: at }));
    return (result.affected ?? 0) === 1;
  }
}
