import type { EntityManager } from 'typeorm';

import type { InitialModel } from '../../domain/records.js';
import { InitialModelEntity } from '../entities/initial-model.entity.js';
import type { Transactions } from '../transactions.js';
import { type Fields, RecordRepository } from './record-repository.js';

const INITIAL_MODEL: Fields<InitialModel> = {
  id: true,
  name: true,
  origin: true,
  sha256: true,
  bytes: true,
  topology: true,
  parameters: true,
  createdAt: true,
  createdBy: true,
  runId: true,
  siteId: true,
  baseVersionId: true,
};

export class InitialModelRepository extends RecordRepository<InitialModelEntity, InitialModel> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, InitialModelEntity, INITIAL_MODEL, transactions);
  }

  async save(model: InitialModel): Promise<InitialModel> {
    return this.record(await this.write((r) => r.save(this.toEntity(model))));
  }

  /** By id, or by the SHA-256 of its weights (the newest upload with those weights). */
  async find(ref: string): Promise<InitialModel | null> {
    return this.record((await this.repo.findOneBy({ id: ref })) ?? (await this.repo.findOne({ where: { sha256: ref }, order: { createdAt: 'DESC' } })));
  }

  /** The personalised models of a run, oldest first. */
  async forRun(runId: string): Promise<InitialModel[]> {
    return this.records(await this.repo.find({ where: { runId }, order: { createdAt: 'ASC' } }));
  }

  async list(): Promise<InitialModel[]> {
    return this.records(await this.repo.find({ order: { createdAt: 'DESC' } }));
  }
}
