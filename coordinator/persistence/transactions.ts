import type { DataSource, EntityManager } from 'typeorm';

/** Runs work in one database transaction. */
export interface Transactions {
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

/**
 * Transactions on the data source. better-sqlite3 has one connection, which
 * cannot nest transactions, so there they are queued; PostgreSQL runs them
 * concurrently on its pool.
 */
export class DataSourceTransactions implements Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'better-sqlite3') return this.dataSource.transaction(work);
    const result = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** Inside a transaction already: more work joins it. */
export class JoinedTransaction implements Transactions {
  constructor(private readonly manager: EntityManager) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.manager);
  }
}
