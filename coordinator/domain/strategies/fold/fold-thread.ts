import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { ConsiliumError } from '../../../../common/errors.js';
import { workerScript } from '../../../../common/worker-script.js';
import type { FoldReply, FoldRequest } from './fold-messages.js';

/**
 * A second thread for the weighted-mean fold: while it folds one slice of
 * every update, the coordinator's thread reads the next slice and writes
 * the previous mean into the new model, so aggregation uses two cores.
 * Slices are folded in the order they are posted (several aggregations may
 * share the thread). The thread keeps the process alive only while a fold
 * is pending.
 */
export class FoldThread {
  private static current: FoldThread | null | undefined;
  private readonly pending: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private stopped: ConsiliumError | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: FoldReply) => {
      const next = this.pending.shift();
      if (this.pending.length === 0) worker.unref();
      if (reply.error) next?.reject(new ConsiliumError('INTERNAL', `the fold thread failed: ${reply.error}`));
      else next?.resolve();
    });
    const fail = (error: Error): void => {
      // A dead thread is replaced on the next aggregation; the folds it held, and any asked of it since, fail with the reason.
      if (FoldThread.current === this) FoldThread.current = undefined;
      this.stopped ??= new ConsiliumError('INTERNAL', `the fold thread stopped: ${error.message}`);
      for (const waiting of this.pending.splice(0)) waiting.reject(this.stopped);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    // After the listeners: adding a 'message' listener refs the thread's port again, and an idle fold thread must not keep the process alive.
    worker.unref();
  }

  /**
   * The process's fold thread, started on first use; null on one core, or
   * where no thread can start, and folding stays on the coordinator's thread.
   */
  static shared(): FoldThread | null {
    if (FoldThread.current !== undefined) return FoldThread.current;
    if (availableParallelism() < 2) return (FoldThread.current = null);
    try {
      // No flags of the parent: the thread needs none, and some (--expose-gc, --input-type) a thread refuses.
      FoldThread.current = new FoldThread(new Worker(workerScript(import.meta.url, 'fold.worker.js'), { execArgv: [] }));
    } catch {
      FoldThread.current = null;
    }
    return FoldThread.current;
  }

  /** Folds one slice (see foldMean); resolves when `request.sums` holds its mean. */
  fold(request: FoldRequest): Promise<void> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.ref();
      this.worker.postMessage(request);
    });
  }
}
