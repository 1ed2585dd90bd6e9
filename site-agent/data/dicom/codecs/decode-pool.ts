import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

import { workerScript } from '../../../../common/worker-script.js';
import type { DecodeReply, DecodeRequest } from './decode-messages.js';
import type { Codec, FrameLayout } from './frame-codecs.js';
import { FrameDecodeError } from './frame-errors.js';

interface Pending {
  resolve: (frames: Uint8Array[]) => void;
  reject: (error: Error) => void;
}

/**
 * Threads that decode compressed DICOM frames, so a scan of JPEG or JPEG
 * 2000 images keeps the event loop (the gRPC stream, the heartbeats) free.
 * Started on first use, one per core up to `size`; only a thread at work
 * keeps the process alive. Each file's frames go to the thread with the fewest files
 * in hand.
 */
export class DecodePool {
  private threads: { worker: Worker; busy: number }[] = [];
  private readonly pending = new Map<number, Pending>();
  private next = 0;

  constructor(private readonly size = Math.max(1, Math.min(4, availableParallelism() - 1))) {}

  decode(codec: Codec, layout: FrameLayout, frames: Uint8Array[]): Promise<Uint8Array[]> {
    if (this.threads.length === 0) this.start();
    const thread = this.threads.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.next++;
    // A thread at work keeps the process alive (a CLI awaiting its scan); an idle one does not.
    if (thread.busy++ === 0) thread.worker.ref();
    return new Promise<Uint8Array[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // Copies (a Buffer's slice() would be a view): the frames are views into the file, which must not move to the thread.
      const request: DecodeRequest = { id, codec, layout, frames: frames.map((f) => new Uint8Array(f)) };
      thread.worker.postMessage(
        request,
        request.frames.map((f) => f.buffer as ArrayBuffer),
      );
    }).finally(() => {
      if (--thread.busy === 0) thread.worker.unref();
    });
  }

  /** Stops the threads (tests, and an agent shutting down); the next decode starts them again. */
  async close(): Promise<void> {
    const threads = this.threads;
    this.threads = [];
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private start(): void {
    // A thread runs a file: --input-type (a parent started with `node --input-type=module -e …`) would stop it.
    const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(workerScript(import.meta.url, 'decode.worker.js'), { execArgv });
      worker.unref();
      worker.on('message', (reply: DecodeReply) => {
        const waiting = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (!waiting) return;
        if (reply.ok) waiting.resolve(reply.frames);
        else waiting.reject(reply.unreadable ? new FrameDecodeError(reply.error) : new Error(reply.error));
      });
      worker.on('error', (error) => this.fail(error));
      this.threads.push({ worker, busy: 0 });
    }
  }

  /** A thread that died takes every request down with it: each is refused, and the pool starts afresh on the next. */
  private fail(error: Error): void {
    for (const { reject } of this.pending.values()) reject(new Error(`a DICOM decoding thread stopped: ${error.message}`));
    this.pending.clear();
    void this.close();
  }
}

/** The agent's one pool. */
export const decodePool = new DecodePool();
