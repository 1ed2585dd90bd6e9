import type { Readable } from 'node:stream';

/** The client's stream ended without its half-close: cancelled, or the connection broke. */
export class StreamBroken extends Error {
  constructor() {
    super('the stream broke before it ended');
  }
}

type ClientStream = Pick<Readable, 'on' | 'off' | 'pause' | 'resume'> & { readonly cancelled: boolean };

/**
 * A gRPC call's incoming messages as an async iterable, so a handler is a
 * `for await` loop. The call is paused while `highWater` messages wait for
 * the handler, so a fast client cannot queue its whole upload in memory;
 * messages that arrived before a break are still delivered, then the
 * iteration throws StreamBroken.
 */
export function messagesOf(call: ClientStream, highWater: number): AsyncIterable<unknown> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<unknown> {
      const queue: unknown[] = [];
      let ended = false;
      let broken = call.cancelled;
      let wake: (() => void) | null = null;
      const poke = (): void => {
        const waiting = wake;
        wake = null;
        waiting?.();
      };
      const onData = (message: unknown): void => {
        queue.push(message);
        if (queue.length >= highWater) call.pause();
        poke();
      };
      const onEnd = (): void => {
        ended = true;
        poke();
      };
      const onBroken = (): void => {
        broken = true;
        poke();
      };
      const detach = (): void => {
        call.off('data', onData);
        call.off('end', onEnd);
        call.off('error', onBroken);
        call.off('cancelled', onBroken);
      };
      call.on('data', onData);
      call.on('end', onEnd);
      call.on('error', onBroken);
      call.on('cancelled', onBroken);
      return {
        async next(): Promise<IteratorResult<unknown>> {
          for (;;) {
            if (queue.length > 0) {
              const value = queue.shift();
              if (queue.length < highWater) call.resume();
              return { value, done: false };
            }
            if (ended || broken) {
              detach();
              if (ended) return { value: undefined, done: true };
              throw new StreamBroken();
            }
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<unknown>> {
          detach();
          return { value: undefined, done: true };
        },
      };
    },
  };
}
