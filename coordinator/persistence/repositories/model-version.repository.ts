import type { EntityManager } from 'typeorm';

import type { ModelVersion } from '../../domain/records.js';
import { ModelVersionEntity } from '../entities/model-version.entity.js';
import type { Transactions } from '../transactions.js';
import { type Fields, RecordRepository } from './record-repository.js';

const MODEL_VERSION: Fields<ModelVersion> = {
  id: true,
  runId: true,
  round: true,
  sha256: true,
  bytes: true,
  parentId: true,
  contributors: true,
  evaluation: true,
  strategyStateSha256: true,
  aggregation: true,
  origin: true,
  createdAt: true,
};

export class ModelVersionRepository extends RecordRepository<ModelVersionEntity, ModelVersion> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, ModelVersionEntity, MODEL_VERSION, transactions);
  }

  async save(version: ModelVersion): Promise<ModelVersion> {
    return this.record(await this.write((r) => r.save(this.toEntity(version))));
  }

  async get(id: string): Promise<ModelVersion | null> {
    return this.record(await this.repo.findOneBy({ id }));
  }

  /** Versions with these weights, oldest first (a version carried over unchanged shares its parent's). */
  async bySha256(sha256: string): Promise<ModelVersion[]> {
    return this.records(await this.repo.find({ where: { sha256 }, order: { createdAt: 'ASC' } }));
  }

  async forRun(runId: string): Promise<ModelVersion[]> {
    return this.records(await this.repo.find({ where: { runId }, order: { round: 'ASC' } }));
  }

  async update(id: string, patch: Partial<Omit<ModelVersion, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial record.
    await this.write((r) => r.update({ id }, patch as Parameters<typeof this.repo.update>[1]));
  }
}
