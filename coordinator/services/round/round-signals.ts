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

  constructor(private readonly clock: Clock) {
    this.emitter.setMaxListeners(0);
  }

  emit(signal: string): void {
    this.emitter.emit(signal);
  }

  /** Resolves at the first of: any of `signals`, `stop`, `everything` (look at all again), or `ms` on the clock. */
  wait(signals: readonly string[], ms: number): Promise<void> {
    const names = [...signals, 'stop', 'everything'];
    return new Promise((resolve) => {
      const done = (): void => {
        cancel();
        for (const name of names) this.emitter.off(name, done);
        resolve();
      };
      const cancel = this.clock.after(ms, done);
      for (const name of names) this.emitter.once(name, done);
    });
  }
}
