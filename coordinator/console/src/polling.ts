import { useEffect, useRef } from 'preact/hooks';

/**
 * Calls `load` now and every `ms` while the page shows and `active` holds; one call at a time, so a slow
 * coordinator is never sent a queue of requests. Polling rather than server-sent events: the browser's
 * EventSource cannot send the bearer token, and a page only needs a new figure when a round closes.
 */
export function usePolling(load: () => Promise<void>, ms: number, active = true, key: unknown = null): void {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (!active) {
      void latest.current();
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      await latest.current();
      if (!stopped) timer = setTimeout(() => void tick(), ms);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [ms, active, key]);
}
