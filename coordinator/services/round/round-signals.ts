import { EventEmitter } from 'node:events';

import type { Clock } from '../../../common/clock.js';

/**
 * Wake-up calls for waiting drivers: a round id when one of its tasks
 * changed, `sites` when a site came online or consented, `stop` at shutdown.
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

  /** Resolves at the first of: `signal`, `stop`, or `ms` on the clock. */
  wait(signal: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        cancel();
        this.emitter.off(signal, done);
        this.emitter.off('stop', done);
        resolve();
      };
      const cancel = this.clock.after(ms, done);
      this.emitter.once(signal, done);
      this.emitter.once('stop', done);
    });
  }
}
