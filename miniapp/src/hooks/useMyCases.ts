import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseSummary } from '@hotline/shared-types';
import { api } from '../services/api';
import { ApiError } from '../services/http';

const PAGE_SIZE = 20;
const GENERIC_FAILURE = '加载失败，请稍后再试';

export type LoadState = 'loading' | 'ready' | 'error';

/** The citizen's own cases, newest first, loaded page by page. */
export function useMyCases() {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const loadingMore = useRef(false);

  const reload = useCallback(async () => {
    setState((current) => (current === 'ready' ? current : 'loading'));
    try {
      const page = await api.listMyCases({ limit: PAGE_SIZE });
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setState('ready');
    } catch (caught) {
      setError(messageOf(caught));
      setState('error');
    }
  }, []);

  const loadMore = useCallback(async () => {
    if (nextCursor === null || loadingMore.current) return;
    loadingMore.current = true;
    try {
      const page = await api.listMyCases({ limit: PAGE_SIZE, cursor: nextCursor });
      setItems((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch {
      // The rows already shown stay; reaching the bottom again retries.
    } finally {
      loadingMore.current = false;
    }
  }, [nextCursor]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { items, state, error, hasMore: nextCursor !== null, reload, loadMore };
}

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : GENERIC_FAILURE;
}
