import { type EntityManager, IsNull } from 'typeorm';

import { ApiTokenEntity, type Role } from '../entities/api-token.entity.js';
import type { Transactions } from '../transactions.js';
import { EntityRepository } from './entity-repository.js';

export class ApiTokenRepository extends EntityRepository<ApiTokenEntity> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, ApiTokenEntity, transactions);
  }

  async create(token: ApiTokenEntity): Promise<ApiTokenEntity> {
    await this.write((r) => r.insert(token));
    const { tokenSha256: _secret, ...shown } = token;
    return shown as ApiTokenEntity;
  }

  /** The live token with this hash. */
  byHash(tokenSha256: string): Promise<ApiTokenEntity | null> {
    return this.repo.findOneBy({ tokenSha256, revokedAt: IsNull() });
  }

  get(id: string): Promise<ApiTokenEntity | null> {
    return this.repo.findOneBy({ id });
  }

  list(): Promise<ApiTokenEntity[]> {
    return this.repo.find({ order: { createdAt: 'ASC' } });
  }

  async countLive(role: Role): Promise<number> {
    return this.repo.countBy({ role, revokedAt: IsNull() });
  }

  async update(id: string, patch: Partial<Pick<ApiTokenEntity, 'revokedAt' | 'lastUsedAt'>>): Promise<void> {
    await this.write((r) => r.update({ id }, patch));
  }
}
