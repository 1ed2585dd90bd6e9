import { type EntityManager, In } from 'typeorm';

import type { Run, RunStatus } from '../../domain/records.js';
import { RunEntity } from '../entities/run.entity.js';
import type { Transactions } from '../transactions.js';
import { type Fields, RecordRepository } from './record-repository.js';

const RUN: Fields<Run> = {
  id: true,
  name: true,
  spec: true,
  specSha256: true,
  status: true,
  completedRounds: true,
  latestModelVersionId: true,
  error: true,
  exclusions: true,
  featureScaling: true,
  classWeights: true,
  selection: true,
  stoppedEarly: true,
  createdAt: true,
  updatedAt: true,
};

export class RunRepository extends RecordRepository<RunEntity, Run> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, RunEntity, RUN, transactions);
  }

  async save(run: Run): Promise<Run> {
    return this.record(await this.write((r) => r.save(this.toEntity(run))));
  }

  async get(id: string): Promise<Run | null> {
    return this.record(await this.repo.findOneBy({ id }));
  }

  async list(): Promise<Run[]> {
    return this.records(await this.repo.find({ order: { createdAt: 'DESC' } }));
  }

  async withStatus(statuses: RunStatus[]): Promise<Run[]> {
    return this.records(await this.repo.find({ where: { status: In(statuses) }, order: { createdAt: 'ASC' } }));
  }

  async update(id: string, patch: Partial<Omit<Run, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial record.
    await this.write((r) => r.update({ id }, patch as Parameters<typeof this.repo.update>[1]));
  }
}
