import { ConsiliumError, describeError } from '../../common/errors.js';

export interface DatabaseStatus {
  type: string;
  /** A write transaction commits now. */
  writable: boolean;
  /** Why not, with the fix. */
  error: string | null;
  /** Since when the last write has been failing. */
  failingSince: string | null;
}

/**
 * What the coordinator knows about its database's ability to write: the
 * outcome of real commits and of a probe that commits a one-row update. A
 * connection that cannot be put back into a clean state refuses every later
 * write, so nothing is acknowledged that a restart would lose.
 */
export class DatabaseHealth {
  private failure: { message: string; at: string } | null = null;
  private brokenReason: string | null = null;

  constructor(private readonly now: () => string) {}

  committed(): void {
    this.failure = null;
  }

  failed(error: unknown): void {
    this.failure ??= { message: describeError(error), at: this.now() };
    this.failure.message = describeError(error);
  }

  broken(reason: string): void {
    this.brokenReason ??= reason;
  }

  /** Refuses writes once the connection is beyond repair. */
  assertUsable(): void {
    if (this.brokenReason) throw new ConsiliumError('UNAVAILABLE', `the coordinator's database refuses writes: ${this.brokenReason}`);
  }

  /** Commits the probe row and reports; the probe's own failure or success counts like any write. */
  async check(type: string, probe: () => Promise<void>): Promise<DatabaseStatus> {
    try {
      await probe();
    } catch (error) {
      if (!this.failure && !this.brokenReason) this.failed(error);
    }
    const error = this.brokenReason ?? (this.failure ? `writes fail: ${this.failure.message}` : null);
    return { type, writable: error === null, error, failingSince: this.brokenReason ? null : (this.failure?.at ?? null) };
  }
}
