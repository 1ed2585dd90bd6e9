import type { EntityManager, Repository } from 'typeorm';
import { RoundEntity } from '../entities/round.entity.js';

export class RoundRepository {
  private readonly repo: Repository<RoundEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(RoundEntity);
  }

  save(round: RoundEntity): Promise<RoundEntity> {
    return this.repo.save(round);
  }

  get(id: string): Promise<RoundEntity | null> {
    return this.repo.findOneBy({ id });
  }

  forRun(runId: string): Promise<RoundEntity[]> {
    return this.repo.find({ where: { runId }, order: { number: 'ASC' } });
  }

  async update(id: string, patch: Partial<Omit<RoundEntity, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial entity.
    await this.repo.update({ id }, patch as Parameters<typeof this.repo.update>[1]);
  }
}
