import { useCallback, useEffect, useState } from 'react';
import type { CaseDetail } from '@hotline/shared-types';
import { api } from '../services/api';
import { ApiError } from '../services/http';
import type { LoadState } from './useMyCases';

const GENERIC_FAILURE = '加载失败，请稍后再试';

/** One of the citizen's cases, with its timeline; `withdraw` rejects with the ApiError when refused. */
export function useCaseDetail(id: string) {
  const [detail, setDetail] = useState<CaseDetail | undefined>(undefined);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');

  const reload = useCallback(async () => {
    try {
      setDetail(await api.getMyCase(id));
      setState('ready');
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : GENERIC_FAILURE);
      setState('error');
    }
  }, [id]);

  const withdraw = useCallback(async () => {
    setDetail(await api.withdrawMyCase(id));
  }, [id]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { detail, state, error, reload, withdraw };
}
