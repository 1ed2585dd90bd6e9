import { Worker } from 'node:worker_threads';

import * as tf from '@tensorflow/tfjs';

import { readWeights } from '../../../common/model-weights.js';
import { workerScript } from '../../../common/worker-script.js';
import type { GradientThreadInit, ShardReply, ShardRequest } from './gradient-messages.js';
import { shardGradients } from './shard-gradients.js';
import { SHARDABLE_LOSSES } from './shard-loss.js';

/**
 * Why a job trains on one thread even when more are given, or null when it
 * can be split: batch normalization's statistics are per batch (a shard's
 * are not the batch's), soft Dice is not a mean over samples, FedProx's term
 * is computed on the training thread, and libtensorflow already uses every
 * core.
 */
export function singleThreadReason(
  job: { topology: { config: { layers: readonly { class_name: string }[] } }; loss: string; proximalMu?: number },
  backend: string,
): string | null {
  if (backend !== 'wasm' && backend !== 'cpu') return `the ${backend} backend uses every core itself`;
  if (job.topology.config.layers.some((l) => l.class_name === 'BatchNormalization')) return 'batch normalization needs the whole batch';
  if (!SHARDABLE_LOSSES.has(job.loss)) return `loss ${job.loss} is not a mean over samples`;
  if ((job.proximalMu ?? 0) > 0) return "FedProx's proximal term is taken on one thread";
  return null;
}

/**
 * Data-parallel training steps: each batch is split into one shard per
 * thread, every thread computes the gradient of its shard's mean loss on
 * the current weights, and the training thread takes one optimiser step with
 * the shards' gradients averaged by their sizes: the gradient of the batch's
 * mean loss, so the step equals one taken on the whole batch (within float
 * rounding).
 */
export class GradientPool {
  private constructor(
    private readonly threads: Worker[],
    private readonly loss: string,
  ) {}

  /** A pool that splits each batch into `count` shards: the training thread computes one, and each of count − 1 gradient threads another. */
  static async open(count: number, init: GradientThreadInit): Promise<GradientPool> {
    // A thread runs a file: --input-type (a parent started with `node --input-type=module -e …`) would stop it.
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
    const threads = Array.from(
      { length: Math.max(0, count - 1) },
      () => new Worker(workerScript(import.meta.url, 'gradient.worker.js'), { workerData: init, execArgv }),
    );
    return new GradientPool(threads, init.loss);
  }

  /** Shards per batch: the gradient threads' and the training thread's own. */
  get size(): number {
    return this.threads.length + 1;
  }

  private ask(thread: Worker, request: ShardRequest): Promise<ShardReply> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      thread.once('message', (reply: ShardReply) => {
        thread.off('error', onError);
        resolve(reply);
      });
      thread.once('error', onError);
      thread.postMessage(request, [request.x.buffer as ArrayBuffer, request.y.buffer as ArrayBuffer]);
    });
  }

  /**
   * One optimiser step on the batch (x, y) for `model`, compiled with its
   * optimiser; returns [loss, accuracy] as trainOnBatch does. The gradient
   * threads' shards are sent first, so they compute while this thread
   * computes the first shard on the model itself (no copy of its weights).
   */
  async step(model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<number[]> {
    const n = x.shape[0]!;
    const parts = Math.min(this.size, n);
    const shards = Array.from({ length: parts }, (_, i) => {
      const [from, to] = [Math.floor((i * n) / parts), Math.floor(((i + 1) * n) / parts)];
      return { rows: to - from, from, to };
    });
    const asked: Promise<ShardReply>[] = [];
    if (parts > 1) {
      const [xData, yData] = [x.dataSync() as Float32Array, y.dataSync() as Float32Array];
      const [xRow, yRow] = [xData.length / n, yData.length / n];
      const weights = readWeights(model);
      for (const [i, { rows, from, to }] of shards.slice(1).entries())
        asked.push(
          this.ask(this.threads[i]!, {
            weights,
            x: xData.slice(from * xRow, to * xRow),
            xShape: [rows, ...x.shape.slice(1)],
            y: yData.slice(from * yRow, to * yRow),
            yShape: [rows, ...y.shape.slice(1)],
          }),
        );
    }
    const [xOwn, yOwn] = [tf.slice(x, 0, shards[0]!.rows), tf.slice(y, 0, shards[0]!.rows)];
    let own: ShardReply;
    try {
      own = { ok: true, ...shardGradients(model, xOwn, yOwn, this.loss) };
    } catch (error) {
      // The threads' shards are still in flight: let them settle so none fails unheard.
      await Promise.allSettled(asked);
      throw error;
    } finally {
      tf.dispose([xOwn, yOwn]);
    }
    const replies = [own, ...(await Promise.all(asked))];
    const failed = replies.find((r) => !r.ok);
    if (failed && !failed.ok) throw new Error(`a gradient thread failed: ${failed.error}`);
    const ok = replies as Extract<ShardReply, { ok: true }>[];
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const averaged = variables.map((v, k) => {
      const sum = new Float32Array(ok[0]!.gradients[k]!.length);
      ok.forEach((reply, s) => {
        const share = shards[s]!.rows / n;
        const g = reply.gradients[k]!;
        for (let i = 0; i < sum.length; i++) sum[i]! += share * g[i]!;
      });
      return tf.tensor(sum, v.shape, 'float32');
    });
    (model.optimizer as tf.Optimizer).applyGradients(Object.fromEntries(variables.map((v, k) => [v.name, averaged[k]!])));
    tf.dispose(averaged);
    const mean = (pick: (r: (typeof ok)[number]) => number): number => ok.reduce((s, r, i) => s + pick(r) * (shards[i]!.rows / n), 0);
    return [mean((r) => r.loss), mean((r) => r.accuracy)];
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.terminate()));
  }
}
