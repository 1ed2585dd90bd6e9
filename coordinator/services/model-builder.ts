import { Worker } from 'node:worker_threads';

import { ConsiliumError, type ErrorCode, type FieldIssue } from '../../common/errors.js';
import type { ModelTopology } from '../../common/model-spec.schema.js';
import type { WeightSpec } from '../../common/model-weights.js';
import { workerScript } from '../../common/worker-script.js';

export interface BuildRequest {
  id: number;
  topology: ModelTopology;
  /** With a seed, the seeded initial weights come back too, encoded as a tensor container. */
  seed?: number;
}

export type BuildReply =
  | { id: number; ok: true; layout: WeightSpec[]; outputs: number | null; initial: Uint8Array | null }
  | { id: number; ok: false; code: ErrorCode; message: string; issues: FieldIssue[] };

export interface BuiltModel {
  layout: WeightSpec[];
  /** Units of the output layer. */
  outputs: number | null;
  initial: Uint8Array | null;
}

/**
 * Builds models on a worker thread, so that no run spec can hold the event
 * loop that serves REST, gRPC and the health check. One thread, started on
 * first use and kept; a thread that dies fails the builds it held and is
 * started again for the next.
 */
export class ModelBuilder {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(model: BuiltModel): void; reject(error: Error): void }>();

  build(topology: ModelTopology, seed?: number): Promise<BuiltModel> {
    const id = this.nextId++;
    const worker = this.thread();
    return new Promise<BuiltModel>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, topology, ...(seed === undefined ? {} : { seed }) } satisfies BuildRequest);
      worker.ref();
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(import.meta.url, 'model-builder.worker.js'));
    worker.on('message', (reply: BuildReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (!waiting) return;
      if (reply.ok) waiting.resolve({ layout: reply.layout, outputs: reply.outputs, initial: reply.initial });
      else waiting.reject(new ConsiliumError(reply.code, reply.message, reply.issues));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(new ConsiliumError('INTERNAL', `the model-building thread stopped: ${error.message}`));
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
