import type { DataSource, EntityManager } from 'typeorm';

import { DataSourceTransactions, JoinedTransaction, type Transactions } from '../transactions.js';
import { ApiTokenRepository } from './api-token.repository.js';
import { AuditRepository } from './audit.repository.js';
import { ClusterMessageRepository } from './cluster-message.repository.js';
import { DataProfileRepository } from './data-profile.repository.js';
import { EnrolmentTokenRepository } from './enrolment-token.repository.js';
import { InitialModelRepository } from './initial-model.repository.js';
import { LeaseRepository } from './lease.repository.js';
import { ModelVersionRepository } from './model-version.repository.js';
import { RoundRepository } from './round.repository.js';
import { RunRepository } from './run.repository.js';
import { RunConsentRepository } from './run-consent.repository.js';
import { SiteRepository } from './site.repository.js';
import { SiteCertificateRepository } from './site-certificate.repository.js';
import { TaskRepository } from './task.repository.js';
import { UpdateRepository } from './update.repository.js';

export { ApiTokenRepository, ClusterMessageRepository, EnrolmentTokenRepository, LeaseRepository, RunConsentRepository, SiteCertificateRepository };
export { AuditRepository, DataProfileRepository, ModelVersionRepository, RoundRepository, RunRepository, SiteRepository, TaskRepository, UpdateRepository };

/** All repositories over one data source, or over one transaction of it (see `transaction`). */
export class Repositories {
  readonly sites: SiteRepository;
  readonly runs: RunRepository;
  readonly rounds: RoundRepository;
  readonly tasks: TaskRepository;
  readonly updates: UpdateRepository;
  readonly models: ModelVersionRepository;
  readonly profiles: DataProfileRepository;
  readonly audit: AuditRepository;
  readonly certificates: SiteCertificateRepository;
  readonly enrolmentTokens: EnrolmentTokenRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly consents: RunConsentRepository;
  readonly initialModels: InitialModelRepository;
  readonly leases: LeaseRepository;
  readonly clusterMessages: ClusterMessageRepository;
  private readonly transactions: Transactions;

  constructor(store: DataSource | EntityManager, transactions?: Transactions) {
    const manager = 'manager' in store ? store.manager : store;
    this.transactions = transactions ?? new DataSourceTransactions(store as DataSource);
    this.sites = new SiteRepository(manager, this.transactions);
    this.runs = new RunRepository(manager, this.transactions);
    this.rounds = new RoundRepository(manager, this.transactions);
    this.tasks = new TaskRepository(manager, this.transactions);
    this.updates = new UpdateRepository(manager, this.transactions);
    this.models = new ModelVersionRepository(manager, this.transactions);
    this.profiles = new DataProfileRepository(manager, this.transactions);
    this.audit = new AuditRepository(manager, this.transactions);
    this.certificates = new SiteCertificateRepository(manager, this.transactions);
    this.enrolmentTokens = new EnrolmentTokenRepository(manager, this.transactions);
    this.apiTokens = new ApiTokenRepository(manager, this.transactions);
    this.consents = new RunConsentRepository(manager, this.transactions);
    this.initialModels = new InitialModelRepository(manager, this.transactions);
    this.leases = new LeaseRepository(manager, this.transactions);
    this.clusterMessages = new ClusterMessageRepository(manager, this.transactions);
  }

  /** Commits a one-row update: proof that a write reaches the database now (the health check's probe). */
  async commitProbe(at: string): Promise<void> {
    await this.transactions.run((manager) =>
      manager.query(`UPDATE health_probe SET probed_at = ${manager.connection.options.type === 'postgres' ? '$1' : '?'} WHERE id = 1`, [at]),
    );
  }

  /** Runs work in one transaction; the repositories it is given write inside it, audit events included. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => work(new Repositories(manager, new JoinedTransaction(manager))));
  }
}
