import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

import { ConsiliumError, describeError } from '../../common/errors.js';
import type { DatabaseHealth } from './database-health.js';

/** Runs work in one database transaction. */
export interface Transactions {
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

/** What this class needs of better-sqlite3's handle and of TypeORM's runner state, which TypeORM leaves wrong after a failed COMMIT. */
interface SqliteHandle {
  inTransaction: boolean;
  exec(sql: string): unknown;
}
interface RunnerState {
  isTransactionActive: boolean;
  transactionDepth: number;
  releasePostgresConnection?(error: Error): Promise<void>;
}

/** SQLite and PostgreSQL codes (and errno names) that mean the storage under the database failed, not the statement. */
const STORAGE_FAILURE =
  /SQLITE_(FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB)|ENOSPC|EIO|EROFS|EDQUOT|\b53100\b|\b58030\b|disk is full|disk I\/O error|No space left/i;

export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return STORAGE_FAILURE.test(`${String(code ?? '')} ${describeError(error)}`);
}

/**
 * Transactions on the data source, each one a top-level BEGIN … COMMIT that
 * either commits or leaves nothing behind. better-sqlite3 has one connection,
 * which cannot nest transactions, so there they are queued.
 *
 * After any failure the connection is put back into a known state before the
 * next transaction may start. This is the fix for a silent data loss: when
 * SQLite's COMMIT fails (SQLITE_FULL), SQLite rolls back by itself, TypeORM's
 * ROLLBACK then fails, and TypeORM kept believing a transaction was open, so
 * every later "transaction" became a savepoint inside one that never
 * committed: writes were answered 201 and lost. On PostgreSQL a connection
 * whose rollback failed is discarded instead of returned to the pool, and a
 * transaction that a failed statement aborted is never reported committed.
 */
export class DataSourceTransactions implements Transactions {
  private queue: Promise<unknown> = Promise.resolve();

  /** `observe`: told each transaction's seconds (queueing included) and whether it committed, for the metrics. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly health?: DatabaseHealth,
    private readonly observe?: (seconds: number, committed: boolean) => void,
  ) {}

  private get sqlite(): boolean {
    return this.dataSource.options.type === 'better-sqlite3';
  }

  private get sqliteHandle(): SqliteHandle {
    return (this.dataSource.driver as unknown as { databaseConnection: SqliteHandle }).databaseConnection;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const started = performance.now();
    let result: Promise<T>;
    if (!this.sqlite) result = this.once(work);
    else {
      result = this.queue.then(() => this.once(work));
      this.queue = result.catch(() => undefined);
    }
    if (!this.observe) return result;
    const observe = this.observe;
    const seconds = (): number => (performance.now() - started) / 1000;
    return result.then(
      (value) => (observe(seconds(), true), value),
      (error: unknown) => {
        observe(seconds(), false);
        throw error;
      },
    );
  }

  private async once<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.health?.assertUsable();
    const runner = this.dataSource.createQueryRunner();
    let committing = false;
    try {
      if (this.sqlite) this.requireIdle(runner);
      await runner.startTransaction();
      const result = await work(runner.manager);
      // A failed statement that the work caught leaves a PostgreSQL transaction aborted, and COMMIT then rolls back without an error.
      if (!this.sqlite) await runner.query('SELECT 1');
      committing = true;
      await runner.commitTransaction();
      this.health?.committed();
      return result;
    } catch (error) {
      await this.abandon(runner, error);
      if (isStorageFailure(error)) {
        this.health?.failed(error);
        throw new ConsiliumError(
          'UNAVAILABLE',
          `the coordinator's database could not ${committing ? 'commit' : 'write'} (${describeError(error)}); nothing of this request was stored. Free space (or fix the storage) under the coordinator's state folder or database, then retry`,
        );
      }
      throw error;
    } finally {
      if (!this.sqlite) await runner.release();
    }
  }

  /** Rolls back what the failed transaction left, and makes sure the connection holds no transaction afterwards. */
  private async abandon(runner: QueryRunner, error: unknown): Promise<void> {
    const state = runner as unknown as RunnerState;
    let rolledBack = true;
    if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => (rolledBack = false));
    if (this.sqlite) {
      this.resetSqlite(runner);
      return;
    }
    if (!rolledBack || state.isTransactionActive) {
      // Never hand a connection that may still hold a transaction back to the pool: pg-pool destroys a client released with an error.
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      await state.releasePostgresConnection?.(error instanceof Error ? error : new Error(describeError(error)));
    }
  }

  /** SQLite's own word on whether a transaction is open is the truth; TypeORM's flags are made to agree with it. */
  private resetSqlite(runner: QueryRunner): void {
    const handle = this.sqliteHandle;
    const state = runner as unknown as RunnerState;
    try {
      if (handle.inTransaction) handle.exec('ROLLBACK');
    } catch (rollbackError) {
      this.health?.broken(`a failed transaction could not be rolled back (${describeError(rollbackError)}); restart the coordinator`);
    }
    state.isTransactionActive = false;
    state.transactionDepth = 0;
    if (handle.inTransaction) this.health?.broken('the SQLite connection is still inside a transaction after a rollback; restart the coordinator');
  }

  /** Queued transactions never overlap, so an open transaction here is one a failure left behind: it is rolled back, never joined. */
  private requireIdle(runner: QueryRunner): void {
    if (this.sqliteHandle.inTransaction || runner.isTransactionActive) this.resetSqlite(runner);
  }
}

/** Inside a transaction already: more work joins it. */
export class JoinedTransaction implements Transactions {
  constructor(private readonly manager: EntityManager) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return work(this.manager);
  }
}
