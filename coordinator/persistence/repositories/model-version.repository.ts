import type { EntityManager, Repository } from 'typeorm';
import { ModelVersionEntity } from '../entities/model-version.entity.js';

export class ModelVersionRepository {
  private readonly repo: Repository<ModelVersionEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(ModelVersionEntity);
  }

  save(version: ModelVersionEntity): Promise<ModelVersionEntity> {
    return this.repo.save(version);
  }

  get(id: string): Promise<ModelVersionEntity | null> {
    return this.repo.findOneBy({ id });
  }

  forRun(runId: string): Promise<ModelVersionEntity[]> {
    return this.repo.find({ where: { runId }, order: { round: 'ASC' } });
  }

  async update(id: string, patch: Partial<Omit<ModelVersionEntity, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial entity.
    await this.repo.update({ id }, patch as Parameters<typeof this.repo.update>[1]);
  }
}
