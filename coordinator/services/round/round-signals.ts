import { EventEmitter } from 'node:events';

import type { Clock } from '../../../common/clock.js';

/**
 * Wake-up calls for waiting drivers: a round id when one of its tasks
 * changed, `sites` when a site came online or consented, `run:<id>` when
 * this process lost the run's lease, `stop` at shutdown, `everything` when
 * messages from other coordinator processes may have been missed.
 * A signal only says "look again"; what changed is read from the database.
 */
export class RoundSignals {
  private readonly emitter = new EventEmitter();
  /** How often each signal was emitted. */
  private readonly fired = new Map<string, number>();
  /** Per waiter (a run's driver): how many of each signal it had seen when its last wait ended. */
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(private readonly clock: Clock) {
    this.emitter.setMaxListeners(0);
  }

  emit(signal: string): void {
    this.fired.set(signal, (this.fired.get(signal) ?? 0) + 1);
    this.emitter.emit(signal);
  }

  /**
   * Resolves at the first of: any of `signals`, `stop`, `everything` (look
   * at all again), or `ms` on the clock. A signal emitted since the waiter's
   * previous wait ended resolves it at once: a driver reads the database,
   * commits and only then waits again, and a wake-up that lands meanwhile
   * (an update accepted by this or another coordinator process) must not
   * leave it asleep until the round's deadline.
   */
  wait(waiter: string, signals: readonly string[], ms: number): Promise<void> {
    const names = [...signals, 'stop', 'everything'];
    const seen = this.seen.get(waiter) ?? new Map<string, number>();
    this.seen.set(waiter, seen);
    const settle = (): void => {
      for (const name of names) seen.set(name, this.fired.get(name) ?? 0);
    };
    if (names.some((name) => (this.fired.get(name) ?? 0) > (seen.get(name) ?? 0))) {
      settle();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        cancel();
        for (const name of names) this.emitter.off(name, done);
        settle();
        resolve();
      };
      const cancel = this.clock.after(ms, done);
      for (const name of names) this.emitter.once(name, done);
    });
  }

  /** Drops what a waiter had seen, once its driver ended. */
  forget(waiter: string): void {
    this.seen.delete(waiter);
  }
}
