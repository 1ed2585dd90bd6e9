/**
 * Yields load(0), load(1), … load(count − 1) in order while keeping up to
 * `depth` further loads in flight, so decoding batch i + 1 (file reads and
 * sharp's decoding run off the main thread) overlaps training on batch i.
 * depth 0 loads each item only when it is asked for.
 */
export async function* prefetched<T>(count: number, depth: number, load: (index: number) => Promise<T>): AsyncGenerator<T> {
  const inFlight: Promise<T>[] = [];
  let next = 0;
  const topUp = (limit: number): void => {
    while (next < count && inFlight.length < limit) {
      const pending = load(next++);
      // Errors surface when the item is awaited below; until then keep Node from calling them unhandled.
      pending.catch(() => undefined);
      inFlight.push(pending);
    }
  };
  try {
    for (let i = 0; i < count; i++) {
      topUp(depth + 1);
      yield await inFlight.shift()!;
    }
  } finally {
    // A consumer that stops early (an error in the training step) leaves nothing running unobserved.
    await Promise.allSettled(inFlight);
  }
}

/** Lets I/O callbacks (decoded batches arriving) run between synchronous training steps. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
