import type { EntityManager } from 'typeorm';

import type { Round } from '../../domain/records.js';
import { RoundEntity } from '../entities/round.entity.js';
import type { Transactions } from '../transactions.js';
import { type Fields, RecordRepository } from './record-repository.js';

const ROUND: Fields<Round> = {
  id: true,
  runId: true,
  number: true,
  kind: true,
  status: true,
  baseModelVersionId: true,
  resultModelVersionId: true,
  quorum: true,
  target: true,
  startedAt: true,
  deadlineAt: true,
  completedAt: true,
  metrics: true,
  error: true,
};

export class RoundRepository extends RecordRepository<RoundEntity, Round> {
  constructor(store: EntityManager, transactions: Transactions) {
    super(store, RoundEntity, ROUND, transactions);
  }

  async save(round: Round): Promise<Round> {
    return this.record(await this.write((r) => r.save(this.toEntity(round))));
  }

  async get(id: string): Promise<Round | null> {
    return this.record(await this.repo.findOneBy({ id }));
  }

  async forRun(runId: string): Promise<Round[]> {
    return this.records(await this.repo.find({ where: { runId }, order: { number: 'ASC' } }));
  }

  async update(id: string, patch: Partial<Omit<Round, 'id'>>): Promise<void> {
    // TypeORM's deep-partial type cannot follow JSON columns; the patch is a plain partial record.
    await this.write((r) => r.update({ id }, patch as Parameters<typeof this.repo.update>[1]));
  }
}
