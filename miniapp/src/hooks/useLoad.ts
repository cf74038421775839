import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/http';
import type { LoadState } from './useMyCases';

const GENERIC_FAILURE = '加载失败，请稍后再试';

/**
 * Loads one thing for a page: its state, a readable error and `reload`. `load` is called again whenever `key`
 * changes; only the latest answer is kept.
 */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const latest = useRef(0);
  const loader = useRef(load);
  loader.current = load;

  const reload = useCallback(async () => {
    const request = (latest.current += 1);
    setState('loading');
    try {
      const value = await loader.current();
      if (request !== latest.current) return;
      setData(value);
      setState('ready');
    } catch (caught) {
      if (request !== latest.current) return;
      setError(caught instanceof ApiError ? caught.message : GENERIC_FAILURE);
      setState('error');
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  return { data, state, error, reload };
}
