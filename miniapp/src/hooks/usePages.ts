import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/http';
import type { LoadState } from './useMyCases';

const GENERIC_FAILURE = '加载失败，请稍后再试';

export interface NumberedPage<T> {
  items: T[];
  total: number;
}

/**
 * A list loaded page by page (page numbers from 1): `loadMore` at the bottom of the screen, a new `key` starts
 * over. A failed next page keeps what is shown; reaching the bottom again retries it.
 */
export function usePages<T>(load: (page: number) => Promise<NumberedPage<T>>, key: string) {
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const page = useRef(1);
  const busy = useRef(false);
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const request = (latest.current += 1);
    setState('loading');
    try {
      const first = await loader.current(1);
      if (request !== latest.current) return;
      page.current = 1;
      setItems(first.items);
      setTotal(first.total);
      setState('ready');
    } catch (caught) {
      if (request !== latest.current) return;
      setError(caught instanceof ApiError ? caught.message : GENERIC_FAILURE);
      setState('error');
    }
  }, []);

  const hasMore = state === 'ready' && items.length < total;

  const loadMore = useCallback(async () => {
    if (!hasMore || busy.current) return;
    busy.current = true;
    const request = latest.current;
    try {
      const next = await loader.current(page.current + 1);
      if (request !== latest.current) return;
      page.current += 1;
      setItems((current) => [...current, ...next.items]);
      setTotal(next.total);
    } catch {
      // What is shown stays; the next scroll to the bottom tries again.
    } finally {
      busy.current = false;
    }
  }, [hasMore]);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  return { items, total, state, error, hasMore, reload, loadMore };
}
