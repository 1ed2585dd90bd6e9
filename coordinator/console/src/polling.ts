import { useEffect, useRef, useState } from 'preact/hooks';

import { errorText } from './api.js';

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

/** What `load` answered last (polled every `ms` while `active`), or why it failed; `reload` asks again now. */
export function useResource<T>(
  load: () => Promise<T>,
  ms: number,
  active = true,
  key: unknown = null,
): { data: T | null; error: string | null; reload: () => Promise<void> } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = async () => {
    try {
      setData(await load());
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  };
  usePolling(reload, ms, active, key);
  return { data, error, reload };
}

/** An action's outcome as a message (what it made, or why it was refused), then the page's data reloaded. */
export function useAction(reload: () => Promise<void>): { message: string | null; act: (work: () => Promise<string>) => Promise<void> } {
  const [message, setMessage] = useState<string | null>(null);
  const act = async (work: () => Promise<string>) => {
    try {
      setMessage(await work());
      await reload();
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  return { message, act };
}
