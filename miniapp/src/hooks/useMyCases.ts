import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseStatus, CaseSummary } from '@hotline/shared-types';
import { api } from '../services/api';
import { ApiError } from '../services/http';

const PAGE_SIZE = 20;
const GENERIC_FAILURE = '加载失败，请稍后再试';

export type LoadState = 'loading' | 'ready' | 'error';

/**
 * The citizen's own cases, newest first, loaded page by page. `statuses` narrows them (none: all); pass a
 * constant array, since a new array reloads the list.
 */
export function useMyCases(statuses?: readonly CaseStatus[]) {
  const [items, setItems] = useState<CaseSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const loadingMore = useRef(false);
  // Only the latest request may fill the list: switching filters quickly must not show an older answer.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const request = (latest.current += 1);
    try {
      const page = await api.listMyCases({ statuses, limit: PAGE_SIZE });
      if (request !== latest.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setState('ready');
    } catch (caught) {
      if (request !== latest.current) return;
      setError(messageOf(caught));
      setState('error');
    }
  }, [statuses]);

  const loadMore = useCallback(async () => {
    if (nextCursor === null || loadingMore.current) return;
    loadingMore.current = true;
    const request = latest.current;
    try {
      const page = await api.listMyCases({ statuses, limit: PAGE_SIZE, cursor: nextCursor });
      if (request !== latest.current) return;
      setItems((current) => [...current, ...page.items]);
      setNextCursor(page.nextCursor);
    } catch {
      // The rows already shown stay; reaching the bottom again retries.
    } finally {
      loadingMore.current = false;
    }
  }, [nextCursor, statuses]);

  useEffect(() => {
    setState('loading');
    void reload();
  }, [reload]);

  return { items, state, error, hasMore: nextCursor !== null, reload, loadMore };
}

function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : GENERIC_FAILURE;
}
