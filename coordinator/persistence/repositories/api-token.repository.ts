import { IsNull, type EntityManager, type Repository } from 'typeorm';
import { ApiTokenEntity, type Role } from '../entities/api-token.entity.js';

export class ApiTokenRepository {
  private readonly repo: Repository<ApiTokenEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(ApiTokenEntity);
  }

  async create(token: ApiTokenEntity): Promise<ApiTokenEntity> {
    await this.repo.insert(token);
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
    await this.repo.update({ id }, patch);
  }
}
