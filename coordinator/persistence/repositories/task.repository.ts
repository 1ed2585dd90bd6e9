import type { EntityManager, Repository } from 'typeorm';
import { TaskEntity, type TaskStatus } from '../entities/task.entity.js';

export class TaskRepository {
  private readonly repo: Repository<TaskEntity>;

  constructor(store: EntityManager) {
    this.repo = store.getRepository(TaskEntity);
  }

  async saveMany(tasks: TaskEntity[]): Promise<void> {
    await this.repo.save(tasks);
  }

  get(id: string): Promise<TaskEntity | null> {
    return this.repo.findOneBy({ id });
  }

  forRound(roundId: string): Promise<TaskEntity[]> {
    return this.repo.find({ where: { roundId }, order: { siteId: 'ASC' } });
  }

  forRun(runId: string): Promise<TaskEntity[]> {
    return this.repo.find({ where: { runId }, order: { roundNumber: 'ASC', siteId: 'ASC' } });
  }

  /**
   * Moves a task out of `from` only if it is still there: a compare-and-set,
   * so two racing submissions for one task cannot both be accepted.
   */
  async transition(id: string, from: TaskStatus, patch: Pick<TaskEntity, 'status'> & Partial<TaskEntity>): Promise<boolean> {
    const result = await this.repo.update({ id, status: from }, patch as Parameters<typeof this.repo.update>[1]);
    return (result.affected ?? 0) > 0;
  }
}
