import { useCallback, useEffect, useState } from 'react';
import type { SubmitRatingRequest, Survey } from '@hotline/shared-types';
import { ApiError } from '../services/http';
import { notifyApi } from '../services/notify';
import type { LoadState } from './useMyCases';

const GENERIC_FAILURE = '评价暂时无法打开，请稍后再试';

const messageOf = (error: unknown) => (error instanceof ApiError ? error.message : GENERIC_FAILURE);

/**
 * The satisfaction survey behind a survey message's link (its token), or of one of my cases (its id, from the
 * case page). Refusals (a used or expired link, a closed rating window) come back as the BFF's own words.
 */
export function useSurvey({ token, caseId }: { token?: string; caseId?: string }) {
  const [survey, setSurvey] = useState<Survey | undefined>(undefined);
  const [state, setState] = useState<LoadState>('loading');
  const [error, setError] = useState('');
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState('');

  const reload = useCallback(async () => {
    if (!token && !caseId) {
      setError('评价链接不完整，请从通知重新打开');
      setState('error');
      return;
    }
    setState('loading');
    try {
      setSurvey(await (token ? notifyApi.getSurvey(token) : notifyApi.getCaseSurvey(caseId ?? '')));
      setState('ready');
    } catch (caught) {
      setError(messageOf(caught));
      setState('error');
    }
  }, [token, caseId]);

  const rate = useCallback(
    async (rating: SubmitRatingRequest) => {
      setSending(true);
      setSendError('');
      try {
        setSurvey(await (token ? notifyApi.submitSurvey(token, rating) : notifyApi.rateCase(caseId ?? '', rating)));
      } catch (caught) {
        setSendError(messageOf(caught));
      } finally {
        setSending(false);
      }
    },
    [token, caseId],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { survey, state, error, reload, rate, sending, sendError };
}
