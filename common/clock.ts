/** Cancels a timer the Clock started. */
export type Cancel = () => void;

/**
 * The time, and every timer and deadline, behind one interface: the round
 * engine, the edges and the tests agree on "now", and a test moves time with
 * a ManualClock instead of sleeping.
 */
export class Clock {
  now(): Date {
    return new Date();
  }

  iso(): string {
    return this.now().toISOString();
  }

  /** Calls `fn` once after `ms`; the timer keeps the process alive only when asked to. */
  after(ms: number, fn: () => void, keepAlive = false): Cancel {
    const timer = setTimeout(fn, Math.max(0, ms));
    if (!keepAlive) timer.unref();
    return () => clearTimeout(timer);
  }

  /**
   * Resolves after `ms`, or at once when `signal` aborts. A sleep is work in
   * progress (a retry waiting out its backoff), so it keeps the process alive.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = (): void => {
        cancel();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const cancel = this.after(ms, done, true);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Calls `fn` every `ms`; the timer keeps no process alive. */
  every(ms: number, fn: () => void): Cancel {
    const timer = setInterval(fn, ms);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/** A clock that moves only when told: `advance` runs every timer that falls due, in time order. */
export class ManualClock extends Clock {
  private time: number;
  private readonly timers = new Set<{ at: number; every: number | null; fn: () => void }>();

  constructor(start: Date | string = '2026-01-01T00:00:00.000Z') {
    super();
    this.time = new Date(start).getTime();
  }

  override now(): Date {
    return new Date(this.time);
  }

  override after(ms: number, fn: () => void): Cancel {
    const timer = { at: this.time + Math.max(0, ms), every: null, fn };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  override every(ms: number, fn: () => void): Cancel {
    const timer = { at: this.time + ms, every: ms, fn };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  /** Moves time forward by `ms`, firing due timers at their own times (repeating ones as often as they fall due). */
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      if (due.every === null) this.timers.delete(due);
      else due.at += due.every;
      due.fn();
    }
    this.time = until;
  }

  /** Timers waiting, for tests that check nothing is left behind. */
  get pending(): number {
    return this.timers.size;
  }
}
