import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type RequestOptions } from './client';

export interface ApiState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again (keeps showing the current data meanwhile). */
  reload: () => void;
}

/**
 * GETs `path` (null: nothing yet) and re-fetches when it or the query changes. `refreshMs` polls (live counters,
 * health); a slow answer never blocks the page, and a stale answer never overwrites a newer one.
 */
export function useApi<T>(
  path: string | null,
  options: { query?: RequestOptions['query']; refreshMs?: number; acceptStatuses?: number[] } = {},
): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const queryKey = JSON.stringify(options.query ?? {});
  const generation = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: queryKey stands for options.query; tick forces a reload
  useEffect(() => {
    if (path === null) return;
    const current = ++generation.current;
    const controller = new AbortController();
    setLoading(true);
    api
      .get<T>(path, { query: options.query, signal: controller.signal, acceptStatuses: options.acceptStatuses })
      .then((value) => {
        if (current !== generation.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((caught: unknown) => {
        if (current !== generation.current || controller.signal.aborted) return;
        setError(caught);
      })
      .finally(() => {
        if (current === generation.current) setLoading(false);
      });
    return () => controller.abort();
  }, [path, queryKey, tick]);

  useEffect(() => {
    if (options.refreshMs === undefined || path === null) return;
    const timer = setInterval(() => setTick((value) => value + 1), options.refreshMs);
    return () => clearInterval(timer);
  }, [options.refreshMs, path]);

  const reload = useCallback(() => setTick((value) => value + 1), []);
  return { data, error, loading, reload };
}
