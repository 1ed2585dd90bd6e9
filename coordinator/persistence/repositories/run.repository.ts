import { In, type EntityManager, type Repository } from 'typeorm';
import { RunEntity, type RunStatus } from '../entities/run.entity.js';

export class RunRepository {
  private readonly repo: Repository<RunEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(RunEntity);
  }

  save(run: RunEntity): Promise<RunEntity> {
    return this.repo.save(run);
  }

  get(id: string): Promise<RunEntity | null> {
    return this.repo.findOneBy({ id });
  }

  list(): Promise<RunEntity[]> {
    return this.repo.find({ order: { createdAt: 'DESC' } });
  }

  withStatus(statuses: RunStatus[]): Promise<RunEntity[]> {
    return this.repo.find({ where: { status: In(statuses) }, order: { createdAt: 'ASC' } });
  }

  async update(id: string, patch: Partial<Omit<RunEntity, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial entity.
    await this.repo.update({ id }, patch as Parameters<typeof this.repo.update>[1]);
  }
}
